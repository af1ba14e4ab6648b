using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Modules;

/// <summary>
/// A fully connected generator: [z, c] → (Linear → [BatchNorm] → activation) × depth → Linear. Hidden layers of
/// equal width can be grown progressively (<see cref="IGrowable"/>): the newest block is faded in as
/// h = (1 − α)·h_prev + α·block(h_prev).
/// </summary>
public sealed class MlpGenerator : Generator, IGrowable
{
    private readonly GrowableStack stack;
    private readonly PrecisionLinear head;
    private readonly ConditionEncoder? condition;
    private readonly int latentSize;

    /// <summary>Creates the generator.</summary>
    /// <param name="latentSize">Size of z.</param>
    /// <param name="hidden">Widths of the hidden layers.</param>
    /// <param name="outputSize">Size of one generated sample.</param>
    /// <param name="activation">Hidden non-linearity.</param>
    /// <param name="batchNorm">BatchNorm after each hidden linear layer (Radford et al. 2016; Ioffe &amp; Szegedy 2015).</param>
    /// <param name="conditionSize">Size of the condition vector (0 = unconditional).</param>
    /// <param name="labelCount">Number of class labels when the condition is an int64 label to embed.</param>
    public MlpGenerator(int latentSize, IReadOnlyList<int> hidden, int outputSize, Activation activation = Activation.ReLU,
        bool batchNorm = false, int conditionSize = 0, int labelCount = 0) : base(nameof(MlpGenerator))
    {
        if (hidden.Count == 0) throw new ArgumentException("The generator needs at least one hidden layer.", nameof(hidden));
        this.latentSize = latentSize;
        if (conditionSize > 0) condition = new ConditionEncoder(conditionSize, labelCount);
        int width = latentSize + conditionSize;
        var blocks = new List<nn.Module<Tensor, Tensor>>();
        foreach (int h in hidden)
        {
            var layers = new List<nn.Module<Tensor, Tensor>> { new PrecisionLinear(width, h) };
            if (batchNorm) layers.Add(nn.BatchNorm1d(h));
            layers.Add(MlpCritic.MakeActivation(activation, h));
            blocks.Add(nn.Sequential(layers));
            width = h;
        }
        stack = new GrowableStack(blocks, hidden);
        head = new PrecisionLinear(width, outputSize);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int LatentSize => latentSize;

    /// <inheritdoc />
    public int MaxDepth => stack.MaxDepth;

    /// <inheritdoc />
    public void SetGrowth(int depth, double alpha) => stack.SetGrowth(depth, alpha);

    /// <inheritdoc />
    public override Tensor forward(Tensor z, Tensor? c)
    {
        var h = condition is null ? z : cat(new[] { z, condition.call(c ?? throw new ArgumentException("This generator is conditional: pass a condition.")) }, 1);
        return head.call(stack.call(h));
    }
}
