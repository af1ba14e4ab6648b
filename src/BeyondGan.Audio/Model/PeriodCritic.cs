using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// One sub-critic of HiFi-GAN's multi-period discriminator (Kong et al. 2020, §2.2): the waveform reflected to a multiple of
/// the period p and folded to p interleaved sequences, each read by the same strided convolutions (kernel 5, stride 3; the
/// last stride 1) — a (5, 1) 2-D convolution over the [T/p, p] grid is exactly that 1-D one with the p columns as batch rows.
/// </summary>
public sealed class PeriodCritic : WaveformSubCritic
{
    /// <summary>The sub-critic for period <paramref name="period"/> with hidden channels <paramref name="channels"/>.</summary>
    public PeriodCritic(int period, int[] channels)
        : base(nameof(PeriodCritic), channels, channels.Select((_, i) => (5, i == channels.Length - 1 ? 1 : 3)).ToArray())
    {
        Period = period;
    }

    /// <summary>The period p.</summary>
    public int Period { get; }

    /// <summary>Scores [batch, positions] and each layer's activations of waveforms [batch, 1, T].</summary>
    public override (Tensor Scores, List<Tensor> Features) forward(Tensor x)
    {
        long batch = x.shape[0], length = x.shape[2];
        long pad = (Period - length % Period) % Period;
        if (pad > 0) x = nn.functional.pad(x, [0, pad], PaddingModes.Reflect);
        // [B, 1, T] → [B, 1, T/p, p] → [B·p, 1, T/p]: column j holds samples j, j + p, j + 2p, …
        x = x.view(batch, 1, -1, Period).permute(0, 3, 1, 2).reshape(batch * Period, 1, -1);
        var (scores, features) = Read(x);
        return (scores.reshape(batch, -1), features);
    }
}
