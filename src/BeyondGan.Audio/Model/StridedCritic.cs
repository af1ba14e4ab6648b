using BeyondGan.Layers;
using BeyondGan.Audio.Features;
using BeyondGan.Modules;
using BeyondGan.Regularizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// The critic shape WaveGAN and SpecGAN share (Donahue et al. 2019, Table 4): strided convolutions (1-D; 2-D for
/// <see cref="SpecGanCritic"/>) through channels[0] →
/// channels[1] → …, LeakyReLU 0.2, optionally phase shuffle after each but the last, no normalisation (WGAN-GP), a dense
/// score, and for labels the projection term ⟨embed(y), φ(x)⟩ (Miyato &amp; Koyama 2018, Eq. 3) and optionally AC-GAN's class
/// head, a dense layer from φ(x) to the labels' logits (<see cref="AuxiliaryClassifier"/>). Convolutions are
/// <see cref="UnfoldConv1d"/> or <see cref="UnfoldConv2d"/>: the gradient penalty needs input gradients (docs/TORCHSHARP.md).
/// </summary>
public abstract class StridedCritic : BeyondGan.Modules.Critic, IClassifyingCritic
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> convolutions;
    private readonly ModuleList<PhaseShuffle> shuffles;
    private readonly Linear score;
    private readonly Linear? projection;
    private readonly Linear? classifier;

    /// <summary>Builds the layers; <paramref name="positions"/> is the length left after the last convolution, <paramref name="phaseShuffle"/> 0 for none,
    /// <paramref name="classHead"/> adds the class head (labels only).</summary>
    protected StridedCritic(string name, int labels, int[] channels, int kernel, int stride, int padding, long positions, int phaseShuffle, bool classHead = false)
        : this(name, labels, channels, (i, o) => new UnfoldConv1d(i, o, kernel, stride, padding), positions, phaseShuffle, classHead) { }

    /// <summary>Builds the layers: <paramref name="channels"/>[i] → [i + 1] by <paramref name="layer"/>(inputs, outputs); <paramref name="positions"/> is what the last leaves (length, or height × width).</summary>
    protected StridedCritic(string name, int labels, int[] channels, Func<int, int, nn.Module<Tensor, Tensor>> layer, long positions, int phaseShuffle, bool classHead = false) : base(name)
    {
        if (classHead && labels < 1) throw new ArgumentException("A class head needs labels: this critic is unconditional.");
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
        // Made last, so a critic without the head draws its initial weights exactly as before the head existed.
        classifier = classHead ? nn.Linear(features, labels) : null;
        Classes = classHead ? labels : 0;
        RegisterComponents();
    }

    /// <summary>The critic <paramref name="options"/> names (wavegan, spectrogram or specgan), for <paramref name="labels"/> labels (0: unconditional); the spectrogram models' grid is <paramref name="stft"/>'s.</summary>
    public static StridedCritic For(AudioModelOptions options, int labels, StftMagnitude? stft) => options.Model switch
    {
        "wavegan" => new WaveGanCritic(options, labels),
        "spectrogram" => new SpectrogramCritic(options, UpsamplingGenerator.Grid(stft).Bins, UpsamplingGenerator.Grid(stft).Frames, labels),
        "specgan" => new SpecGanCritic(options, UpsamplingGenerator.Grid(stft).Bins, UpsamplingGenerator.Grid(stft).Frames, labels),
        _ => throw new ArgumentException($"--model {options.Model}: not a model with a strided critic."),
    };

    /// <summary>No batch statistics; but phase shuffle draws one shift per call, so with it real and fake are scored apart.</summary>
    public override bool ScoresPacksIndependently => shuffles.Count == 0;

    /// <summary>Where the phase shuffles draw their shifts (the trainer's generator while training).</summary>
    public TorchSharp.torch.Generator? Rng
    {
        set { foreach (var s in shuffles) s.Rng = value; }
    }

    /// <inheritdoc />
    public int Classes { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor x, Tensor? condition)
    {
        var h = Features(x);
        var s = score.call(h);
        if (projection is not null)
            s = s + (projection.call(condition ?? throw new ArgumentException("a conditional critic needs a label")) * h).sum(1, keepdim: true);
        return s;
    }

    /// <inheritdoc />
    public Tensor ClassLogits(Tensor x) =>
        (classifier ?? throw new InvalidOperationException("this critic has no class head (--auxiliary-classifier)")).call(Features(x));

    /// <summary>φ(x): the last convolution's activations, flattened.</summary>
    private Tensor Features(Tensor x)
    {
        x = Input(x);
        for (int i = 0; i < convolutions.Count; i++)
        {
            x = nn.functional.leaky_relu(convolutions[i].call(x), 0.2);
            if (i < shuffles.Count) x = shuffles[i].call(x);
        }
        return x.flatten(1);
    }

    /// <summary>A sample as the first convolution takes it (the identity; a 2-D critic adds the single channel).</summary>
    protected virtual Tensor Input(Tensor x) => x;
}
