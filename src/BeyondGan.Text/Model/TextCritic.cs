using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Text.Model;

/// <summary>
/// RelGAN's multiple-representation CNN discriminator (Nie et al. 2019, §2.4), CPU-sized: a sentence of one-hot (or
/// relaxed one-hot) rows [batch, steps, vocabulary] is embedded by each of S embedding matrices, each representation
/// goes through convolutions of widths 2–5 (max over time), a highway layer, dropout and a linear score; the S scores
/// are averaged (RelGAN averages the S losses instead; the same when the loss is linear, here one score per sentence
/// as the engine's critics give). The convolutions are <see cref="UnfoldConv1d"/> (the generated input needs gradients).
/// Token ids [batch, steps] (int64) are read too, by looking the embeddings up — the same scores as their one-hots,
/// without building them (SeqGAN's rollouts are scored this way).
/// </summary>
public sealed class TextCritic : BeyondGan.Modules.Critic
{
    private readonly Parameter embeddings;
    private readonly ModuleList<UnfoldConv1d> convolutions;
    private readonly Linear highway, gate, output;
    private readonly InvertedDropout dropout;
    private readonly int representations, dimension;
    private static readonly int[] Widths = [2, 3, 4, 5];

    /// <summary>Creates the critic for <paramref name="vocabulary"/> ids.</summary>
    public TextCritic(int vocabulary, int representations, int dimension, int filters, double dropoutRate = 0.25) : base(nameof(TextCritic))
    {
        this.representations = representations;
        this.dimension = dimension;
        embeddings = new Parameter(randn(vocabulary, representations * dimension) * 0.1);
        convolutions = new ModuleList<UnfoldConv1d>(Widths.Select(w => new UnfoldConv1d(dimension, filters, w)).ToArray());
        int features = filters * Widths.Length;
        highway = nn.Linear(features, features);
        gate = nn.Linear(features, features);
        output = nn.Linear(features, 1);
        dropout = new InvertedDropout(dropoutRate);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override bool ScoresPacksIndependently => true;

    /// <inheritdoc />
    public override Tensor forward(Tensor x, Tensor? c)
    {
        long batch = x.shape[0], steps = x.shape[1];
        // [batch, steps, V] · [V, S·d] → S representations of [batch, d, steps].
        var e = (x.dtype == ScalarType.Int64 ? embeddings.index_select(0, x.reshape(-1)) : x.matmul(embeddings)).reshape(batch, steps, representations, dimension).permute(0, 2, 3, 1).reshape(batch * representations, dimension, steps);
        var pooled = cat(convolutions.Select(conv => nn.functional.relu(conv.call(e)).amax(new long[] { 2 })).ToArray(), 1);
        var g = gate.call(pooled).sigmoid();
        var h = g * nn.functional.relu(highway.call(pooled)) + (1 - g) * pooled;
        return output.call(dropout.call(h)).reshape(batch, representations).mean(new long[] { 1 });
    }
}
