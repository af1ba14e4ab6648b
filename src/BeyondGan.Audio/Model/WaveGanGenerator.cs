using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// WaveGAN's generator (Donahue et al. 2019, Table 3): z ~ U(−1, 1)¹⁰⁰ → dense → (L / 4ⁿ) × d·2ⁿ⁻¹ → n transposed convolutions
/// (kernel 25, stride 4, each ×4 longer, channels halving to 1), ReLU between, tanh out, no batch normalisation. A conditional
/// generator adds a learnt embedding of the label to z's input (one-hot condition → embedding, concatenated).
/// </summary>
public sealed class WaveGanGenerator : BeyondGan.Modules.Generator
{
    private readonly Linear dense;
    private readonly Linear? labelEmbedding;
    private readonly ModuleList<FoldConvTranspose1d> upsampling;
    private readonly long start;
    private readonly int startChannels;

    /// <summary>Builds the network for <paramref name="options"/> and <paramref name="labels"/> labels (0: unconditional).</summary>
    public WaveGanGenerator(AudioModelOptions options, int labels) : base(nameof(WaveGanGenerator))
    {
        LatentSize = options.LatentSize;
        Labels = labels;
        start = options.Length / (1L << (2 * options.Layers));
        startChannels = options.Width << (options.Layers - 1);
        int embedding = labels > 0 ? options.LabelEmbedding : 0;
        labelEmbedding = labels > 0 ? nn.Linear(labels, embedding, hasBias: false) : null;
        dense = nn.Linear(LatentSize + embedding, start * startChannels);
        var layers = new List<FoldConvTranspose1d>();
        for (int i = 0; i < options.Layers; i++)
        {
            int inputs = startChannels >> i, outputs = i == options.Layers - 1 ? 1 : startChannels >> (i + 1);
            layers.Add(new FoldConvTranspose1d(inputs, outputs, 25, stride: 4, padding: 11, outputPadding: 1));
        }
        upsampling = nn.ModuleList(layers.ToArray());
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int LatentSize { get; }

    /// <summary>Labels of a conditional generator (0: unconditional).</summary>
    public int Labels { get; }

    /// <summary>WaveGAN's prior: z ~ U(−1, 1).</summary>
    public override Tensor SampleLatent(long count, TorchSharp.torch.Generator rng, Device device) =>
        (rand([count, LatentSize], generator: rng) * 2 - 1).to(device);

    /// <inheritdoc />
    public override Tensor forward(Tensor z, Tensor? condition)
    {
        var input = labelEmbedding is null ? z : cat([z, labelEmbedding.call(condition ?? throw new ArgumentException("a conditional generator needs a label"))], 1);
        var x = nn.functional.relu(dense.call(input)).view(z.shape[0], startChannels, start);
        for (int i = 0; i < upsampling.Count; i++)
        {
            x = upsampling[i].call(x);
            x = i == upsampling.Count - 1 ? tanh(x) : nn.functional.relu(x);
        }
        return x;
    }
}
