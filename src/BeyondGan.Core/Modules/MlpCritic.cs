using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Modules;

/// <summary>
/// A fully connected critic: [x, c] → PacGAN packing → [minibatch std] → (Linear or SpectralLinear or Maxout →
/// activation → [Dropout]) × depth → Linear → one score per pack. Hidden layers of equal width can be grown
/// progressively, the newest block faded in as in <see cref="MlpGenerator"/>.
/// </summary>
public sealed class MlpCritic : Critic, IGrowable
{
    private readonly GrowableStack stack;
    private readonly nn.Module<Tensor, Tensor> head;
    private readonly Packing packing;
    private readonly MinibatchStdDev? minibatchStd;
    private readonly ConditionEncoder? condition;
    private readonly double scoreGain;

    /// <summary>Creates the critic.</summary>
    /// <param name="inputSize">Size of one sample.</param>
    /// <param name="hidden">Widths of the hidden layers.</param>
    /// <param name="activation">Hidden non-linearity (<see cref="Activation.Maxout"/> makes each hidden layer a maxout layer).</param>
    /// <param name="pack">PacGAN pack size m (1 = none).</param>
    /// <param name="dropout">Dropout probability after each hidden layer (0 = none).</param>
    /// <param name="spectralNorm">Spectrally normalise every linear layer (Miyato et al. 2018).</param>
    /// <param name="minibatchStdDev">Append the minibatch standard-deviation feature (Karras et al. 2018).</param>
    /// <param name="conditionSize">Size of the condition vector (0 = unconditional).</param>
    /// <param name="labelCount">Number of class labels when the condition is an int64 label to embed.</param>
    /// <param name="scoreGain">Constant factor on the score. With <paramref name="spectralNorm"/> every layer is 1-Lipschitz, so
    /// this is the critic's Lipschitz bound: how much its score can change per unit of distance between inputs.</param>
    public MlpCritic(int inputSize, IReadOnlyList<int> hidden, Activation activation = Activation.LeakyReLU, int pack = 1,
        double dropout = 0.0, bool spectralNorm = false, bool minibatchStdDev = false, int conditionSize = 0, int labelCount = 0,
        double scoreGain = 1.0)
        : base(nameof(MlpCritic))
    {
        if (hidden.Count == 0) throw new ArgumentException("The critic needs at least one hidden layer.", nameof(hidden));
        if (!(scoreGain > 0) || double.IsInfinity(scoreGain)) throw new ArgumentException($"The score gain must be positive, got {scoreGain}.", nameof(scoreGain));
        this.scoreGain = scoreGain;
        if (spectralNorm && activation == Activation.Maxout) throw new ArgumentException("Spectral norm with maxout layers is not supported.");
        packing = new Packing(pack);
        if (conditionSize > 0) condition = new ConditionEncoder(conditionSize, labelCount);
        int width = (inputSize + conditionSize) * pack;
        if (minibatchStdDev) { minibatchStd = new MinibatchStdDev(); width += 1; }
        var blocks = new List<nn.Module<Tensor, Tensor>>();
        foreach (int h in hidden)
        {
            var layers = new List<nn.Module<Tensor, Tensor>>();
            if (activation == Activation.Maxout) layers.Add(new Maxout(width, h));
            else
            {
                layers.Add(spectralNorm ? new SpectralLinear(width, h) : new PrecisionLinear(width, h));
                layers.Add(MakeActivation(activation, h));
            }
            if (dropout > 0) layers.Add(new InvertedDropout(dropout));
            blocks.Add(nn.Sequential(layers));
            width = h;
        }
        stack = new GrowableStack(blocks, hidden);
        head = spectralNorm ? new SpectralLinear(width, 1) : new PrecisionLinear(width, 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int PackSize => packing.PackSize;

    /// <inheritdoc />
    public override bool ScoresPacksIndependently => minibatchStd is null;

    /// <inheritdoc />
    public int MaxDepth => stack.MaxDepth;

    /// <inheritdoc />
    public void SetGrowth(int depth, double alpha) => stack.SetGrowth(depth, alpha);

    /// <summary>All spectrally normalised layers, for inspection and tests.</summary>
    public IEnumerable<SpectralLinear> SpectralLayers => modules().OfType<SpectralLinear>();

    /// <inheritdoc />
    public override Tensor forward(Tensor x, Tensor? c)
    {
        var h = condition is null ? x : cat(new[] { x, condition.call(c ?? throw new ArgumentException("This critic is conditional: pass a condition.")) }, 1);
        h = packing.call(h);
        if (minibatchStd is not null) h = minibatchStd.call(h);
        var score = head.call(stack.call(h)).squeeze(1);
        return scoreGain == 1.0 ? score : score.mul(scoreGain);
    }

    internal static nn.Module<Tensor, Tensor> MakeActivation(Activation activation, int width) => activation switch
    {
        Activation.ReLU => nn.ReLU(),
        Activation.LeakyReLU => nn.LeakyReLU(0.2),
        Activation.Tanh => nn.Tanh(),
        Activation.Maxout => throw new ArgumentException("Maxout is a layer, not an activation, in the generator; use ReLU, LeakyReLU or Tanh."),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };
}
