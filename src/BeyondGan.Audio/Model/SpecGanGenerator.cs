using BeyondGan.Layers;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// SpecGAN's generator (Donahue et al. 2019, §4 and Table 3 in 2-D): z ~ U(−1, 1)¹⁰⁰ (and a label embedding) → dense →
/// 16d × (bins / 32) × (frames / 32) → five transposed 2-D convolutions (5 × 5, stride 2: 16d → 8d → 4d → 2d → d → 1, each
/// ×2 in both directions), ReLU between, tanh out: a normalised log-magnitude spectrogram [batch, bins, frames] in [−1, 1],
/// the image DCGAN would draw.
/// </summary>
public sealed class SpecGanGenerator : UpsamplingGenerator
{
    /// <summary>Builds the network for spectrograms of <paramref name="bins"/> × <paramref name="frames"/> (both multiples of 32).</summary>
    public SpecGanGenerator(AudioModelOptions options, int bins, int frames, int labels)
        : base(nameof(SpecGanGenerator), options, labels, [bins / 32, frames / 32],
            [16 * options.Width, 8 * options.Width, 4 * options.Width, 2 * options.Width, options.Width, 1],
            (i, o) => new FoldConvTranspose2d(i, o, 5, 2, 2, 1)) { }

    /// <summary>[batch, 1, bins, frames] → [batch, bins, frames], the spectrogram models' sample shape.</summary>
    protected override Tensor Output(Tensor x) => x.squeeze(1);
}
