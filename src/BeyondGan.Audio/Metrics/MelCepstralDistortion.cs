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
        return FromLogMels(mel.Compute(original), mel.Compute(resynthesised), LogSpectralDistance.ActiveFrames(original, mel.FftSize, mel.Hop), coefficients);
    }

    /// <summary>Mean MCD per clip from log-mels [batch, mels, frames] already computed, over <paramref name="active"/> frames [batch, frames].</summary>
    public static double[] FromLogMels(Tensor original, Tensor resynthesised, Tensor active, int coefficients = 13)
    {
        using var scope = NewDisposeScope();
        var dct = Dct((int)original.shape[1]).narrow(0, 1, coefficients);   // [13, mels]
        var perFrame = (10 / Math.Log(10)) * (2 * (dct.matmul(original) - dct.matmul(resynthesised)).square().sum([1])).sqrt();
        return LogSpectralDistance.ActiveMean(perFrame, active);
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
