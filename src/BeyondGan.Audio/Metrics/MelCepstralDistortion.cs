using BeyondGan.Audio.Features;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Metrics;

/// <summary>
/// Mel-cepstral distortion in dB (Kubichek 1993): mel cepstra as the orthonormal DCT-II of each frame's natural-log mel
/// spectrum, coefficients 1–13 (c₀, the level, left out), (10 / ln 10) · √(2 Σ_d (c_d − ĉ_d)²) per frame, averaged over the
/// original's active frames (as <see cref="LogSpectralDistance"/>). Frames are aligned by time (a vocoder keeps them), no DTW.
/// </summary>
public static class MelCepstralDistortion
{
    /// <summary>Mean MCD per clip; <paramref name="mel"/> gives the log-mels, both clip sets [batch, length].</summary>
    public static double[] Compute(Tensor original, Tensor resynthesised, LogMelSpectrogram mel, int coefficients = 13)
    {
        using var scope = NewDisposeScope();
        var dct = Dct(mel.Mels).narrow(0, 1, coefficients);   // [13, mels]
        var a = dct.matmul(mel.Compute(original));   // [batch, 13, frames]
        var b = dct.matmul(mel.Compute(resynthesised));
        var perFrame = (10 / Math.Log(10)) * (2 * (a - b).square().sum([1])).sqrt();
        var active = LogSpectralDistance.ActiveFrames(original, mel.FftSize, mel.Hop, hann_window(mel.FftSize));
        return (perFrame * active).sum(1).div(active.sum(1).clamp_min(1)).to(ScalarType.Float64).data<double>().ToArray();
    }

    /// <summary>The orthonormal DCT-II matrix [n, n]: C[k, m] = s_k cos(π k (2m + 1) / 2n), s₀ = √(1/n), else √(2/n).</summary>
    public static Tensor Dct(int n)
    {
        var c = new float[n * n];
        for (int k = 0; k < n; k++)
            for (int m = 0; m < n; m++)
                c[k * n + m] = (float)((k == 0 ? Math.Sqrt(1.0 / n) : Math.Sqrt(2.0 / n)) * Math.Cos(Math.PI * k * (2 * m + 1) / (2.0 * n)));
        return tensor(c, [n, n]);
    }
}
