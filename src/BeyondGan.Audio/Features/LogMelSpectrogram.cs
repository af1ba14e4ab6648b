using NWaves.Filters.Fda;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Features;

/// <summary>
/// Log-mel spectrograms of a batch of clips: a Hann-windowed STFT (libtorch's <c>stft</c>, centred), power, NWaves' triangular
/// mel filter bank (HTK mel scale, 0 Hz to Nyquist), then ln(mel + 10⁻⁵): [batch, mels, frames].
/// </summary>
public sealed class LogMelSpectrogram : IDisposable
{
    private readonly Tensor window;
    private readonly Tensor bank;

    /// <summary>Creates the transform for clips at <paramref name="sampleRate"/> Hz.</summary>
    public LogMelSpectrogram(int sampleRate, int fftSize = 256, int hop = 64, int mels = 40)
    {
        (SampleRate, FftSize, Hop, Mels) = (sampleRate, fftSize, hop, mels);
        window = hann_window(fftSize);
        var filters = FilterBanks.Triangular(fftSize, sampleRate, FilterBanks.MelBands(mels, sampleRate, 0, sampleRate / 2.0));
        var flat = filters.SelectMany(f => f).ToArray();
        bank = tensor(flat, [mels, fftSize / 2 + 1]);
    }

    /// <summary>Sample rate the transform is built for.</summary>
    public int SampleRate { get; }
    /// <summary>STFT window and FFT size.</summary>
    public int FftSize { get; }
    /// <summary>STFT hop.</summary>
    public int Hop { get; }
    /// <summary>Mel bands.</summary>
    public int Mels { get; }

    /// <summary>Frames of a clip of <paramref name="length"/> samples.</summary>
    public int Frames(int length) => length / Hop + 1;

    /// <summary>Log-mel spectrograms [batch, mels, frames] of <paramref name="clips"/> [batch, length] (or [batch, 1, length]).</summary>
    public Tensor Compute(Tensor clips)
    {
        using var scope = NewDisposeScope();
        var x = clips.dim() == 3 ? clips.squeeze(1) : clips;
        var spectrum = stft(x, FftSize, Hop, FftSize, window.to(x.device), center: true, return_complex: true);
        var power = spectrum.abs().square();   // [batch, bins, frames]
        var mel = bank.to(x.device).matmul(power);
        return (mel + 1e-5).log().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The classic baseline a vocoder is measured against: waveforms [batch, length] from log-mels [batch, mels, frames] by the
    /// mel bank's pseudo-inverse (power clipped at 0, square root) and <paramref name="iterations"/> Griffin-Lim (1984)
    /// projections from a uniform random phase drawn from <paramref name="rng"/>.
    /// </summary>
    public Tensor GriffinLim(Tensor logMel, int length, TorchSharp.torch.Generator rng, int iterations = 32)
    {
        using var scope = NewDisposeScope();
        var inverse = linalg.pinv(bank).to(logMel.device);   // [bins, mels]
        var magnitude = inverse.matmul(logMel.exp() - 1e-5).clamp_min(0).sqrt();
        var w = window.to(logMel.device);
        var angle = (rand(magnitude.shape, generator: rng) * (2 * Math.PI)).to(logMel.device);
        Tensor signal = null!;
        for (int i = 0; i <= iterations; i++)
        {
            signal = istft(polar(magnitude, angle), FftSize, Hop, FftSize, w, center: true, length: length);
            if (i < iterations) angle = stft(signal, FftSize, Hop, FftSize, w, center: true, return_complex: true).angle();
        }
        return signal.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        window.Dispose();
        bank.Dispose();
    }
}
