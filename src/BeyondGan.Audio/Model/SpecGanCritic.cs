using BeyondGan.Layers;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// SpecGAN's critic (Donahue et al. 2019, §4 and Table 4 in 2-D): the spectrogram as a one-channel image, five strided 2-D
/// convolutions (5 × 5, stride 2: 1 → d → 2d → 4d → 8d → 16d), LeakyReLU 0.2, no phase shuffle, a dense score; the label's
/// projection term.
/// </summary>
public sealed class SpecGanCritic : StridedCritic
{
    /// <summary>Builds the network for spectrograms of <paramref name="bins"/> × <paramref name="frames"/> (both multiples of 32).</summary>
    public SpecGanCritic(AudioModelOptions options, int bins, int frames, int labels)
        : base(nameof(SpecGanCritic), labels, [1, options.Width, 2 * options.Width, 4 * options.Width, 8 * options.Width, 16 * options.Width],
            (i, o) => new UnfoldConv2d(i, o, 5, 2, 2), (bins / 32) * (long)(frames / 32), 0, options.AuxiliaryClassifier > 0) { }

    /// <summary>[batch, bins, frames] → [batch, 1, bins, frames].</summary>
    protected override Tensor Input(Tensor x) => x.unsqueeze(1);
}
