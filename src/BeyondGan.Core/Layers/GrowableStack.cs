using BeyondGan.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// A stack of hidden blocks that can grow during training (Karras et al. 2018, §3): only the first
/// <c>depth</c> blocks run, and the newest one is faded in as h = (1 − α)·h_prev + α·block(h_prev).
/// Growing needs blocks of equal width, so that h_prev and block(h_prev) can be mixed.
/// </summary>
public sealed class GrowableStack : nn.Module<Tensor, Tensor>, IGrowable
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> blocks = new();
    private readonly bool equalWidths;
    private int activeDepth;
    private double fadeAlpha = 1.0;

    /// <summary>Creates the stack from <paramref name="blocks"/>; <paramref name="widths"/> are their output widths.</summary>
    public GrowableStack(IEnumerable<nn.Module<Tensor, Tensor>> blocks, IReadOnlyList<int> widths) : base(nameof(GrowableStack))
    {
        foreach (var b in blocks) this.blocks.Add(b);
        if (this.blocks.Count == 0) throw new ArgumentException("A stack needs at least one block.", nameof(blocks));
        equalWidths = widths.Distinct().Count() == 1;
        activeDepth = this.blocks.Count;
        RegisterComponents();
    }

    /// <inheritdoc />
    public int MaxDepth => blocks.Count;

    /// <inheritdoc />
    public void SetGrowth(int depth, double alpha)
    {
        if (depth < 1 || depth > MaxDepth) throw new ArgumentOutOfRangeException(nameof(depth));
        if (depth < MaxDepth && !equalWidths) throw new InvalidOperationException("Progressive growing needs hidden layers of equal width.");
        activeDepth = depth;
        fadeAlpha = Math.Clamp(alpha, 0.0, 1.0);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var h = blocks[0].call(x);
        for (int i = 1; i < activeDepth; i++)
        {
            var next = blocks[i].call(h);
            h = i == activeDepth - 1 && fadeAlpha < 1.0 ? (1.0 - fadeAlpha) * h + fadeAlpha * next : next;
        }
        return h;
    }
}
