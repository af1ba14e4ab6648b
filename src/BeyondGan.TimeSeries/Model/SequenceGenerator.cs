using BeyondGan.Discrete;
using BeyondGan.Tabular.Transform;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Model;

/// <summary>
/// The default sequence generator: a GRU stack fed, at every cell, the noise of the steps it emits, a noise drawn once
/// per sequence and the sequence's condition (its entity's encoded attributes); each cell emits
/// <see cref="StepsPerCell"/> steps (DoppelGANger's batch generation, Lin et al. 2020 §4.1, so long sequences need
/// fewer recurrent steps). Numbers come out of tanh, categories out of Gumbel-softmax. The GRU does not read its own
/// outputs back, so one fused GRU call runs the whole sequence, and a sequence can be generated longer than the
/// training length by running the cell further. The condition tensor is [entity encoding, step mask]: steps past the
/// sequence's length are zeroed, as the real sequences' padding is.
/// </summary>
public sealed class SequenceGenerator : RecurrentGenerator
{
    private readonly GRU gru;
    private readonly Linear head;
    private readonly int width, length, conditionSize, sequenceNoise, stepNoise, stepsPerCell;
    private readonly (int Offset, OutputSpan Span)[] spans;
    private readonly double tau;

    /// <summary>Creates the generator.</summary>
    /// <param name="width">Floats per time step (the encoder's width).</param>
    /// <param name="spans">The blocks of a step and their activations.</param>
    /// <param name="length">Training length (the longest sequence).</param>
    /// <param name="conditionSize">Width of the entity encoding (0: unconditional).</param>
    /// <param name="options">Sizes.</param>
    /// <param name="stepsPerCell">Steps each GRU cell emits.</param>
    public SequenceGenerator(int width, IReadOnlyList<(int Offset, OutputSpan Span)> spans, int length, int conditionSize, SequenceGanOptions options, int stepsPerCell)
        : base(nameof(SequenceGenerator))
    {
        this.width = width;
        this.length = length;
        this.conditionSize = conditionSize;
        this.spans = spans.ToArray();
        sequenceNoise = options.SequenceNoise;
        stepNoise = options.StepNoise;
        this.stepsPerCell = stepsPerCell;
        tau = options.GumbelTau;
        gru = nn.GRU(stepNoise * stepsPerCell + sequenceNoise + conditionSize, options.Hidden, options.Layers, batchFirst: true);
        head = nn.Linear(options.Hidden, width * stepsPerCell);
        RegisterComponents();
    }

    /// <summary>Steps each cell emits.</summary>
    public int StepsPerCell => stepsPerCell;

    /// <summary>The training length.</summary>
    public int Length => length;

    /// <inheritdoc />
    public override int LatentSize => sequenceNoise + Cells(length) * stepsPerCell * stepNoise;

    private int Cells(int steps) => (steps + stepsPerCell - 1) / stepsPerCell;

    /// <summary>Noise for sequences of <paramref name="steps"/> steps: [count, per-sequence + cells · per-cell noise].</summary>
    public override Tensor SampleLatent(long count, int steps, TorchSharp.torch.Generator rng, Device device) =>
        randn(new long[] { count, sequenceNoise + Cells(steps) * stepsPerCell * stepNoise }, generator: rng).to(device);

    /// <inheritdoc />
    public override Tensor forward(Tensor z, Tensor? c)
    {
        long batch = z.shape[0];
        int cells = (int)((z.shape[1] - sequenceNoise) / (stepsPerCell * stepNoise));
        int steps = cells * stepsPerCell;
        var perSequence = z.narrow(1, 0, sequenceNoise).unsqueeze(1).expand(batch, cells, sequenceNoise);
        var perCell = z.narrow(1, sequenceNoise, z.shape[1] - sequenceNoise).reshape(batch, cells, stepsPerCell * stepNoise);
        var parts = new List<Tensor> { perCell, perSequence };
        Tensor? mask = null;
        if (c is not null)
        {
            if (conditionSize > 0) parts.Add(c.narrow(1, 0, conditionSize).unsqueeze(1).expand(batch, cells, conditionSize));
            if (c.shape[1] > conditionSize) mask = c.narrow(1, conditionSize, c.shape[1] - conditionSize);
        }
        var (states, _) = gru.call(cat(parts, 2));
        var raw = head.call(states).reshape(batch, steps, width);
        var output = Activate(raw);
        if (mask is not null)
        {
            long keep = Math.Min(steps, mask.shape[1]);
            output = output.narrow(1, 0, keep) * mask.narrow(1, 0, keep).unsqueeze(2);
        }
        return output;
    }

    /// <summary>tanh on number blocks, Gumbel-softmax on one-hot blocks.</summary>
    private Tensor Activate(Tensor raw)
    {
        var parts = new List<Tensor>(spans.Length);
        foreach (var (offset, span) in spans)
        {
            var block = raw.narrow(2, offset, span.Size);
            parts.Add(span.Activation == SpanActivation.Tanh ? block.tanh() : GumbelSoftmax.Sample(block, tau, rng: NoiseGenerator));
        }
        return cat(parts, 2);
    }
}
