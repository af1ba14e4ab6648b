namespace BeyondGan.Audio.Model;

/// <summary>
/// WaveGAN's generator (Donahue et al. 2019, Table 3): z ~ U(−1, 1)¹⁰⁰ → dense → (L / 4ⁿ) × d·2ⁿ⁻¹ → n transposed convolutions
/// (kernel 25, stride 4, padding 11, output padding 1: each exactly ×4 longer, channels halving to 1), ReLU between, tanh out,
/// no batch normalisation. A conditional generator adds a learnt embedding of the label to z's input.
/// </summary>
public sealed class WaveGanGenerator : UpsamplingGenerator
{
    /// <summary>Builds the network for <paramref name="options"/> and <paramref name="labels"/> labels (0: unconditional).</summary>
    public WaveGanGenerator(AudioModelOptions options, int labels)
        : base(nameof(WaveGanGenerator), options, labels, options.Length / (1L << (2 * options.Layers)), Channels(options), 25, 4, 11, 1) { }

    /// <summary>d·2ⁿ⁻¹, halving each layer, then 1.</summary>
    private static int[] Channels(AudioModelOptions o) =>
        [.. Enumerable.Range(0, o.Layers).Select(i => (o.Width << (o.Layers - 1)) >> i), 1];
}
