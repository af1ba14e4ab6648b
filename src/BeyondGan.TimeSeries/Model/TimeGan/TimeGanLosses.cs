using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Model;

/// <summary>TimeGAN's non-adversarial losses, as its released code writes them (Yoon et al. 2019, §4, Eqs. 7–9).</summary>
public static class TimeGanLosses
{
    /// <summary>Reconstruction, Eq. 7 as coded: 10 · √MSE(x, x̃).</summary>
    public static Tensor Reconstruction(Tensor unit, Tensor recovered) => 10 * (unit - recovered).square().mean().sqrt();

    /// <summary>
    /// Supervised, Eq. 9: MSE between the latent at t + 1 and the supervisor's prediction from the steps up to t
    /// (steps whose successor is padding are left out).
    /// </summary>
    public static Tensor Supervised(Tensor h, Tensor supervised, Tensor mask)
    {
        long steps = h.shape[1];
        var next = mask.narrow(1, 1, steps - 1);
        return ((h.narrow(1, 1, steps - 1) - supervised.narrow(1, 0, steps - 1)) * next).square().mean();
    }

    /// <summary>The generator's moment loss: mean |σ̂ − σ| + mean |μ̂ − μ| of each step and feature over the batch.</summary>
    public static Tensor Moments(Tensor real, Tensor generated)
    {
        var std = (generated.var(0, unbiased: false) + 1e-6).sqrt() - (real.var(0, unbiased: false) + 1e-6).sqrt();
        var mean = generated.mean(new long[] { 0 }) - real.mean(new long[] { 0 });
        return std.abs().mean() + mean.abs().mean();
    }
}
