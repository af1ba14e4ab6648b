using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// Parallel WaveGAN's multi-resolution STFT loss (Yamamoto et al. 2020, Eq. 1–4): at each resolution m the spectral
/// convergence ‖ |S(x)| − |S(x̂)| ‖_F / ‖ |S(x)| ‖_F plus the mean absolute difference of the natural-log magnitudes,
/// L = (1/M) Σ_m (L_sc + L_mag). Hann windows as long as the FFT; magnitudes floored at √1e-7 as in the paper's code.
/// </summary>
public sealed class MultiResolutionStftLoss
{
    /// <summary>The (FFT size, hop) pairs, the paper's three scaled from 24 kHz to 8 kHz.</summary>
    public IReadOnlyList<(int FftSize, int Hop)> Resolutions { get; }

    /// <summary>Creates the loss over <paramref name="resolutions"/> (default: 512 / 128, 256 / 64, 128 / 32).</summary>
    public MultiResolutionStftLoss(IReadOnlyList<(int FftSize, int Hop)>? resolutions = null)
    {
        Resolutions = resolutions ?? [(512, 128), (256, 64), (128, 32)];
        if (Resolutions.Count == 0 || Resolutions.Any(r => r.FftSize < 2 || r.Hop < 1))
            throw new ArgumentException("The multi-resolution STFT loss needs at least one resolution with an FFT of 2 or more and a hop of 1 or more.");
    }

    /// <summary>The loss of <paramref name="fake"/> against <paramref name="real"/>, both [batch, length] or [batch, 1, length].</summary>
    public Tensor Compute(Tensor real, Tensor fake)
    {
        using var scope = NewDisposeScope();
        var x = real.dim() == 3 ? real.squeeze(1) : real;
        var y = fake.dim() == 3 ? fake.squeeze(1) : fake;
        Tensor total = zeros([], device: y.device);
        foreach (var (n, hop) in Resolutions)
        {
            var a = Magnitude(x, n, hop);
            var b = Magnitude(y, n, hop);
            var convergence = (a - b).square().sum().sqrt() / a.square().sum().sqrt();
            var logMagnitude = (a.log() - b.log()).abs().mean();
            total = total + convergence + logMagnitude;
        }
        return (total / Resolutions.Count).MoveToOuterDisposeScope();
    }

    // |S| through the real and imaginary parts: the gradient of a complex abs is undefined at 0.
    private static Tensor Magnitude(Tensor clips, int fftSize, int hop)
    {
        var spectrum = view_as_real(stft(clips, fftSize, hop, fftSize, hann_window(fftSize, device: clips.device), center: true, return_complex: true));
        return spectrum.square().sum(-1).clamp_min(1e-7).sqrt();
    }
}
