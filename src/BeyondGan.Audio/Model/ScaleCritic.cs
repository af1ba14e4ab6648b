using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// One sub-critic of MelGAN's multi-scale discriminator as HiFi-GAN uses it (Kong et al. 2020, §2.2; Kumar et al. 2019):
/// the waveform average-pooled ×2 per scale, then strided 1-D convolutions (kernel 15, then kernel 21 stride 4 — MelGAN's
/// kernel 41 grouped convolutions made dense and shorter for a CPU — then kernel 5) and a kernel-3 score layer; all
/// weight-normalised (the paper puts spectral normalisation on the first scale).
/// </summary>
public sealed class ScaleCritic : WaveformSubCritic
{
    /// <summary>The sub-critic reading the waveform pooled <paramref name="pooling"/> times, hidden channels <paramref name="channels"/>.</summary>
    public ScaleCritic(int pooling, int[] channels)
        : base(nameof(ScaleCritic), channels, channels.Select((_, i) => i == 0 ? (15, 1) : i == channels.Length - 1 ? (5, 1) : (21, 4)).ToArray())
    {
        Pooling = pooling;
    }

    /// <summary>How many ×2 average poolings come first.</summary>
    public int Pooling { get; }

    /// <summary>Scores [batch, positions] and each layer's activations of waveforms [batch, 1, T].</summary>
    public override (Tensor Scores, List<Tensor> Features) forward(Tensor x)
    {
        for (int i = 0; i < Pooling; i++) x = nn.functional.avg_pool1d(x, 4, 2, 2);
        var (scores, features) = Read(x);
        return (scores.flatten(1), features);
    }
}
