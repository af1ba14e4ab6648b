namespace BeyondGan.Audio.Model;

/// <summary>
/// A generator of SpecGAN's normalised log-magnitude spectrograms (Donahue et al. 2019, §4) with the frequency bins as
/// channels: z ~ U(−1, 1)¹⁰⁰ (and a label embedding) → dense → 16d × F/16 frames → four transposed 1-D convolutions over time
/// (kernel 5, stride 2: 16d → 8d → 8d → bins, each ×2 longer), ReLU between, tanh out: [batch, bins, frames] in [−1, 1].
/// A 1-D network over frames, not SpecGAN's 2-D one: a spectrogram's bins are not translation-invariant, and its step costs
/// an eighth of WaveGAN's at d = 16 (BENCHMARKS §9.2).
/// </summary>
public sealed class SpectrogramGenerator : UpsamplingGenerator
{
    /// <summary>Builds the network for spectrograms of <paramref name="bins"/> × <paramref name="frames"/> (frames a multiple of 16).</summary>
    public SpectrogramGenerator(AudioModelOptions options, int bins, int frames, int labels)
        : base(nameof(SpectrogramGenerator), options, labels, frames / 16,
            [16 * options.Width, 16 * options.Width, 8 * options.Width, 8 * options.Width, bins], 5, 2, 2, 1) { }
}
