using static TorchSharp.torch;

namespace BeyondGan.Audio.Metrics;

/// <summary>
/// Log-spectral distance in dB between a clip and its re-synthesis: per STFT frame √(mean_f (10 log₁₀ P(f) − 10 log₁₀ P̂(f))²),
/// averaged over the frames where the original is active (within 60 dB of its loudest frame — padding and pauses, where a
/// vocoder's faint noise against digital zero would dominate, are left out). Hann window 256, hop 64, powers floored at 10⁻¹⁰.
/// </summary>
public static class LogSpectralDistance
{
    /// <summary>Mean LSD per clip of <paramref name="original"/> against <paramref name="resynthesised"/>, both [batch, length].</summary>
    public static double[] Compute(Tensor original, Tensor resynthesised, int fftSize = 256, int hop = 64)
    {
        using var scope = NewDisposeScope();
        var window = hann_window(fftSize);
        Tensor Db(Tensor x) => 10 * (stft(x, fftSize, hop, fftSize, window, center: true, return_complex: true).abs().square() + 1e-10).log10();
        var a = Db(original);   // [batch, bins, frames]
        var b = Db(resynthesised);
        var perFrame = (a - b).square().mean([1]).sqrt();   // [batch, frames]
        var active = ActiveFrames(original, fftSize, hop, window);
        return (perFrame * active).sum(1).div(active.sum(1).clamp_min(1)).to(ScalarType.Float64).data<double>().ToArray();
    }

    /// <summary>1 for frames whose energy is within 60 dB of the clip's loudest frame, else 0: [batch, frames].</summary>
    internal static Tensor ActiveFrames(Tensor clips, int fftSize, int hop, Tensor window)
    {
        var energy = stft(clips, fftSize, hop, fftSize, window, center: true, return_complex: true).abs().square().sum(1);
        var db = 10 * (energy + 1e-10).log10();
        return (db >= db.amax([1], keepdim: true) - 60).to(ScalarType.Float32);
    }
}
