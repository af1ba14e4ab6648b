namespace BeyondGan.Audio.Model;

/// <summary>
/// The critic of <see cref="SpectrogramGenerator"/>'s spectrograms: the mirror — four strided 1-D convolutions over time with
/// the bins as channels (kernel 5, stride 2: bins → 8d → 8d → 16d → 16d), LeakyReLU 0.2, no phase shuffle (a magnitude
/// spectrogram has no phase to judge), a dense score; the label's projection term.
/// </summary>
public sealed class SpectrogramCritic : StridedCritic
{
    /// <summary>Builds the network for spectrograms of <paramref name="bins"/> × <paramref name="frames"/>.</summary>
    public SpectrogramCritic(AudioModelOptions options, int bins, int frames, int labels)
        : base(nameof(SpectrogramCritic), labels, [bins, 8 * options.Width, 8 * options.Width, 16 * options.Width, 16 * options.Width], 5, 2, 2, frames / 16, 0, options.AuxiliaryClassifier > 0) { }
}
