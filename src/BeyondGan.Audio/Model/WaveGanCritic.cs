namespace BeyondGan.Audio.Model;

/// <summary>
/// WaveGAN's critic (Donahue et al. 2019, Table 4): n strided convolutions (kernel 25, stride 4, channels d, 2d, … d·2ⁿ⁻¹),
/// LeakyReLU 0.2, phase shuffle after each but the last, no normalisation (WGAN-GP), a dense score; the label's projection term.
/// </summary>
public sealed class WaveGanCritic : StridedCritic
{
    /// <summary>Builds the network for <paramref name="options"/> and <paramref name="labels"/> labels (0: unconditional).</summary>
    public WaveGanCritic(AudioModelOptions options, int labels)
        : base(nameof(WaveGanCritic), labels, [1, .. Enumerable.Range(0, options.Layers).Select(i => options.Width << i)], 25, 4, 11,
            options.Length / (1L << (2 * options.Layers)), options.PhaseShuffle, options.AuxiliaryClassifier > 0) { }
}
