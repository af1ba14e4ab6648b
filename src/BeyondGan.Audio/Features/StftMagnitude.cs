using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Features;

/// <summary>
/// SpecGAN's representation (Donahue et al. 2019, §4): log-magnitude STFT frames (Hann window, centred), the Nyquist bin
/// dropped so a clip is a bins × frames grid of <see cref="Bins"/> × <see cref="Frames"/>, and back to a waveform by
/// Griffin-Lim (1984) from a seeded random phase — NWaves' Griffin-Lim draws its phase unseeded, so it is written here.
/// </summary>
public sealed class StftMagnitude : IDisposable
{
    private readonly Tensor window;

    /// <summary>The transform for clips of <paramref name="length"/> samples (a multiple of <paramref name="hop"/>).</summary>
    public StftMagnitude(int length, int fftSize = 256, int hop = 64)
    {
        if (length % hop != 0) throw new ArgumentException($"the clip length {length} must be a multiple of the hop {hop}.");
        (Length, FftSize, Hop) = (length, fftSize, hop);
        window = hann_window(fftSize);
    }

    /// <summary>Samples per clip.</summary>
    public int Length { get; }
    /// <summary>FFT and window size.</summary>
    public int FftSize { get; }
    /// <summary>Hop between frames.</summary>
    public int Hop { get; }
    /// <summary>Frequency bins kept (the FFT's non-negative frequencies without Nyquist).</summary>
    public int Bins => FftSize / 2;
    /// <summary>Frames kept (the centred STFT's last frame dropped).</summary>
    public int Frames => Length / Hop;

    /// <summary>ln(|STFT| + 10⁻⁶) of clips [batch, length] or [batch, 1, length]: [batch, bins, frames].</summary>
    public Tensor LogMagnitude(Tensor clips)
    {
        using var scope = NewDisposeScope();
        var x = clips.dim() == 3 ? clips.squeeze(1) : clips;
        var spectrum = stft(x, FftSize, Hop, FftSize, window.to(x.device), center: true, return_complex: true);
        return (spectrum.abs().narrow(1, 0, Bins).narrow(2, 0, Frames) + 1e-6).log().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Waveforms [batch, length] whose STFT magnitude approximates exp(<paramref name="logMagnitude"/>) [batch, bins, frames]:
    /// the dropped Nyquist bin is zero and the last frame repeats; <paramref name="iterations"/> Griffin-Lim projections from
    /// a uniform random phase drawn from <paramref name="rng"/>.
    /// </summary>
    public Tensor GriffinLim(Tensor logMagnitude, TorchSharp.torch.Generator rng, int iterations = 32)
    {
        using var scope = NewDisposeScope();
        var magnitude = (logMagnitude.exp() - 1e-6).clamp_min(0);
        magnitude = nn.functional.pad(magnitude, [0, 1, 0, 1]);   // Nyquist bin 0, then one more frame …
        long frames = magnitude.shape[2];
        magnitude.narrow(2, frames - 1, 1).copy_(magnitude.narrow(2, frames - 2, 1));   // … a copy of the last
        var w = window.to(magnitude.device);
        var angle = (rand(magnitude.shape, generator: rng) * (2 * Math.PI)).to(magnitude.device);
        Tensor signal = null!;
        for (int i = 0; i < iterations; i++)
        {
            var spectrum = polar(magnitude, angle);
            signal = istft(spectrum, FftSize, Hop, FftSize, w, center: true, length: Length);
            angle = stft(signal, FftSize, Hop, FftSize, w, center: true, return_complex: true).angle();
        }
        signal = istft(polar(magnitude, angle), FftSize, Hop, FftSize, w, center: true, length: Length);
        return signal.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => window.Dispose();
}
