using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// The critic shape WaveGAN and SpecGAN share (Donahue et al. 2019, Table 4): strided convolutions (1-D; 2-D for
/// <see cref="SpecGanCritic"/>) through channels[0] →
/// channels[1] → …, LeakyReLU 0.2, optionally phase shuffle after each but the last, no normalisation (WGAN-GP), a dense
/// score, and for labels the projection term ⟨embed(y), φ(x)⟩ (Miyato &amp; Koyama 2018, Eq. 3). Convolutions are
/// <see cref="UnfoldConv1d"/> or <see cref="UnfoldConv2d"/>: the gradient penalty needs input gradients (docs/TORCHSHARP.md).
/// </summary>
public abstract class StridedCritic : BeyondGan.Modules.Critic
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> convolutions;
    private readonly ModuleList<PhaseShuffle> shuffles;
    private readonly Linear score;
    private readonly Linear? projection;

    /// <summary>Builds the layers; <paramref name="positions"/> is the length left after the last convolution, <paramref name="phaseShuffle"/> 0 for none.</summary>
    protected StridedCritic(string name, int labels, int[] channels, int kernel, int stride, int padding, long positions, int phaseShuffle)
        : this(name, labels, channels, (i, o) => new UnfoldConv1d(i, o, kernel, stride, padding), positions, phaseShuffle) { }

    /// <summary>Builds the layers: <paramref name="channels"/>[i] → [i + 1] by <paramref name="layer"/>(inputs, outputs); <paramref name="positions"/> is what the last leaves (length, or height × width).</summary>
    protected StridedCritic(string name, int labels, int[] channels, Func<int, int, nn.Module<Tensor, Tensor>> layer, long positions, int phaseShuffle) : base(name)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        var shuffle = new List<PhaseShuffle>();
        for (int i = 0; i < channels.Length - 1; i++)
        {
            layers.Add(layer(channels[i], channels[i + 1]));
            if (phaseShuffle > 0 && i < channels.Length - 2) shuffle.Add(new PhaseShuffle(phaseShuffle));
        }
        convolutions = nn.ModuleList(layers.ToArray());
        shuffles = nn.ModuleList(shuffle.ToArray());
        long features = channels[^1] * positions;
        score = nn.Linear(features, 1);
        projection = labels > 0 ? nn.Linear(labels, features, hasBias: false) : null;
        RegisterComponents();
    }

    /// <summary>No batch statistics; but phase shuffle draws one shift per call, so with it real and fake are scored apart.</summary>
    public override bool ScoresPacksIndependently => shuffles.Count == 0;

    /// <summary>Where the phase shuffles draw their shifts (the trainer's generator while training).</summary>
    public TorchSharp.torch.Generator? Rng
    {
        set { foreach (var s in shuffles) s.Rng = value; }
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x, Tensor? condition)
    {
        x = Input(x);
        for (int i = 0; i < convolutions.Count; i++)
        {
            x = nn.functional.leaky_relu(convolutions[i].call(x), 0.2);
            if (i < shuffles.Count) x = shuffles[i].call(x);
        }
        var h = x.flatten(1);
        var s = score.call(h);
        if (projection is not null)
            s = s + (projection.call(condition ?? throw new ArgumentException("a conditional critic needs a label")) * h).sum(1, keepdim: true);
        return s;
    }

    /// <summary>A sample as the first convolution takes it (the identity; a 2-D critic adds the single channel).</summary>
    protected virtual Tensor Input(Tensor x) => x;
}
