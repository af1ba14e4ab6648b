using static TorchSharp.torch;

namespace BeyondGan.Audio.Metrics;

/// <summary>
/// Log-spectral distance in dB between a clip and its re-synthesis: per STFT frame √(mean_f (10 log₁₀ P(f) − 10 log₁₀ P̂(f))²),
/// averaged over the frames where the original is active (within 60 dB of its loudest frame — padding and pauses, where a
/// vocoder's faint noise against digital zero would dominate, are left out). Hann window 256, hop 64, powers floored at 10⁻¹⁰.
/// </summary>
public static class LogSpectralDistance
{
    /// <summary>
    /// Mean LSD per clip of <paramref name="original"/> against <paramref name="resynthesised"/>, both [batch, length], over
    /// <paramref name="active"/> frames (<see cref="ActiveFrames"/> of the original when null).
    /// </summary>
    public static double[] Compute(Tensor original, Tensor resynthesised, Tensor? active = null, int fftSize = 256, int hop = 64)
    {
        using var scope = NewDisposeScope();
        var a = Power(original, fftSize, hop);   // [batch, bins, frames]
        var b = Power(resynthesised, fftSize, hop);
        var perFrame = (Db(a) - Db(b)).square().mean([1]).sqrt();   // [batch, frames]
        return ActiveMean(perFrame, active ?? Active(a));
    }

    /// <summary>1 for frames whose energy is within 60 dB of the clip's loudest frame, else 0: [batch, frames].</summary>
    public static Tensor ActiveFrames(Tensor clips, int fftSize = 256, int hop = 64)
    {
        using var scope = NewDisposeScope();
        return Active(Power(clips, fftSize, hop)).MoveToOuterDisposeScope();
    }

    /// <summary>The mean of <paramref name="perFrame"/> [batch, frames] over each clip's active frames.</summary>
    internal static double[] ActiveMean(Tensor perFrame, Tensor active) =>
        (perFrame * active).sum(1).div(active.sum(1).clamp_min(1)).to(ScalarType.Float64).data<double>().ToArray();

    private static Tensor Power(Tensor clips, int fftSize, int hop) =>
        stft(clips, fftSize, hop, fftSize, hann_window(fftSize), center: true, return_complex: true).abs().square();

    private static Tensor Db(Tensor power) => 10 * (power + 1e-10).log10();

    private static Tensor Active(Tensor power)
    {
        var db = Db(power.sum(1));
        return (db >= db.amax([1], keepdim: true) - 60).to(ScalarType.Float32);
    }
}
