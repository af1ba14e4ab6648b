using BeyondGan.Discrete;
using BeyondGan.Layers;
using BeyondGan.Tabular.Transform;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Tabular.Model;

/// <summary>
/// CTGAN's generator (Xu et al. 2019, §4.4): [z, c] → residual blocks → Linear → per output block tanh (α) or
/// Gumbel-softmax with temperature τ (one-hot blocks). The raw pre-activation output of the last training forward
/// pass is kept in <see cref="LastRawOutput"/> for the conditional cross-entropy term.
/// </summary>
public sealed class TabularGenerator : BeyondGan.Modules.Generator
{
    private readonly Sequential body;
    private readonly PrecisionLinear head;
    private readonly OutputLayout layout;
    private readonly Tensor alphaColumns, restore;
    private readonly (Tensor Gather, int Count, int Widest)[] buckets;
    private readonly int latentSize;

    /// <summary>Creates the generator.</summary>
    /// <param name="latentSize">Noise size (CTGAN: 128).</param>
    /// <param name="conditionSize">Conditional vector size.</param>
    /// <param name="hidden">Widths of the residual blocks (CTGAN: 256, 256).</param>
    /// <param name="spans">Output blocks of the encoded row.</param>
    /// <param name="tau">Gumbel-softmax temperature (CTGAN: 0.2).</param>
    public TabularGenerator(int latentSize, int conditionSize, IReadOnlyList<int> hidden, IReadOnlyList<(int Offset, OutputSpan Span)> spans, double tau = 0.2)
        : base(nameof(TabularGenerator))
    {
        this.latentSize = latentSize;
        layout = new OutputLayout(spans, []);
        Tau = tau;
        int width = latentSize + conditionSize;
        var blocks = new List<nn.Module<Tensor, Tensor>>();
        foreach (int h in hidden) { blocks.Add(new ResidualBlock(width, h)); width += h; }
        body = nn.Sequential(blocks);
        head = new PrecisionLinear(width, spans.Sum(s => s.Span.Size));
        RegisterComponents();
        // Index tables are created after RegisterComponents so they are not registered as buffers (not weights, not saved).
        alphaColumns = tensor(layout.AlphaColumns);
        buckets = layout.Buckets.Select(b => (tensor(b.Gather), b.Count, b.Widest)).ToArray();
        restore = tensor(layout.Restore);
    }

    /// <inheritdoc />
    public override int LatentSize => latentSize;

    /// <summary>Gumbel-softmax temperature.</summary>
    public double Tau { get; }

    /// <summary>Random generator for the Gumbel noise (null = libtorch's global one).</summary>
    public TorchSharp.torch.Generator? NoiseGenerator { get; set; }

    /// <summary>The pre-activation output of the last forward pass in training mode (used by <see cref="ConditionalCrossEntropy"/>).</summary>
    public Tensor? LastRawOutput { get; private set; }

    /// <inheritdoc />
    public override Tensor forward(Tensor z, Tensor? c)
    {
        var input = c is null ? z : cat(new[] { z, c }, 1);
        var raw = head.call(body.call(input));
        if (training) LastRawOutput = raw;
        return Activate(raw);
    }

    /// <summary>Applies tanh to α blocks and Gumbel-softmax to one-hot blocks.</summary>
    public Tensor Activate(Tensor raw)
    {
        var device = raw.device;
        var parts = new List<Tensor>(2);
        if (layout.AlphaColumns.Length > 0) parts.Add(raw.index_select(1, alphaColumns.to(device)).tanh());
        if (buckets.Length > 0)
        {
            // Gumbel-softmax (Jang et al. 2017, Eq. 1) of the one-hot blocks: y = softmax((logits + g) / τ) over each
            // block, computed on padded [B, blocks, widest] views of similar-width blocks (the padding's weight is 0).
            var scaled = OutputLayout.WithPadColumn((raw + GumbelSoftmax.Noise(raw.shape, raw.dtype, device, NoiseGenerator)) / Tau, OutputLayout.PadLogit);
            foreach (var (gather, count, widest) in buckets)
                parts.Add(softmax(OutputLayout.GatherPadded(scaled, gather.to(device), count, widest), 2).view(raw.shape[0], -1));
        }
        // One gather puts every column back in place and leaves the padding out.
        return cat(parts, 1).index_select(1, restore.to(device));
    }
}
