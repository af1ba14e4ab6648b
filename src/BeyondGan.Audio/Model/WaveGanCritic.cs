using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// WaveGAN's critic (Donahue et al. 2019, Table 4): n strided convolutions (kernel 25, stride 4, channels d, 2d, … d·2ⁿ⁻¹),
/// LeakyReLU 0.2, phase shuffle after each but the last, no normalisation (WGAN-GP), a dense score. A conditional critic adds
/// the projection term ⟨embed(y), φ(x)⟩ (Miyato &amp; Koyama 2018, Eq. 3) to the score. Convolutions are
/// <see cref="UnfoldConv1d"/>: the gradient penalty needs input gradients (docs/TORCHSHARP.md).
/// </summary>
public sealed class WaveGanCritic : BeyondGan.Modules.Critic
{
    private readonly ModuleList<UnfoldConv1d> convolutions;
    private readonly ModuleList<PhaseShuffle> shuffles;
    private readonly Linear score;
    private readonly Linear? projection;

    /// <summary>Builds the network for <paramref name="options"/> and <paramref name="labels"/> labels (0: unconditional).</summary>
    public WaveGanCritic(AudioModelOptions options, int labels) : base(nameof(WaveGanCritic))
    {
        var layers = new List<UnfoldConv1d>();
        var shuffle = new List<PhaseShuffle>();
        for (int i = 0; i < options.Layers; i++)
        {
            int inputs = i == 0 ? 1 : options.Width << (i - 1), outputs = options.Width << i;
            layers.Add(new UnfoldConv1d(inputs, outputs, 25, stride: 4, padding: 11));
            if (i < options.Layers - 1) shuffle.Add(new PhaseShuffle(options.PhaseShuffle));
        }
        convolutions = nn.ModuleList(layers.ToArray());
        shuffles = nn.ModuleList(shuffle.ToArray());
        long features = options.Length / (1L << (2 * options.Layers)) * (options.Width << (options.Layers - 1));
        score = nn.Linear(features, 1);
        projection = labels > 0 ? nn.Linear(labels, features, hasBias: false) : null;
        RegisterComponents();
    }

    /// <summary>Scores do not mix samples of a batch (no batch statistics), but phase shuffle draws one shift per call, so real and fake are scored apart.</summary>
    public override bool ScoresPacksIndependently => false;

    /// <summary>Where the phase shuffles draw their shifts (the trainer's generator while training).</summary>
    public TorchSharp.torch.Generator? Rng
    {
        set { foreach (var s in shuffles) s.Rng = value; }
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x, Tensor? condition)
    {
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
}
