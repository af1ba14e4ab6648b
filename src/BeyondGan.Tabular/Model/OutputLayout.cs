using BeyondGan.Tabular.Transform;
using static TorchSharp.torch;

namespace BeyondGan.Tabular.Model;

/// <summary>
/// Index tables that let the generator's output heads run as a few batched tensor operations instead of a few per
/// block: the one-hot blocks of similar width are gathered into a padded [batch, blocks, widest] tensor (padding = a
/// very negative logit, so softmax gives it zero) and activated at once; one final gather puts every output column
/// back in its place, skipping the padding. Per-operation overhead dominates a tabular GAN's step on a CPU, so this
/// matters more than FLOPs.
/// </summary>
internal sealed class OutputLayout
{
    /// <summary>A logit small enough that softmax gives it exactly zero weight.</summary>
    public const float PadLogit = -1e9f;

    public OutputLayout(IReadOnlyList<(int Offset, OutputSpan Span)> spans, IReadOnlyList<DiscreteColumn> discrete)
    {
        Width = spans.Sum(s => s.Span.Size);
        var alpha = spans.Where(s => s.Span.Activation == SpanActivation.Tanh).SelectMany(s => Enumerable.Range(s.Offset, s.Span.Size)).ToArray();
        var softmax = spans.Where(s => s.Span.Activation == SpanActivation.Softmax).Select(s => (s.Offset, s.Span.Size)).ToArray();
        // Blocks of similar width share a padded tensor (widths up to 2, 4, 8, …), so padding never more than doubles the work.
        Buckets = softmax.GroupBy(b => BucketOf(b.Size)).OrderBy(g => g.Key)
            .Select(g => { var blocks = g.ToArray(); var (gather, count, widest) = Padded(blocks, Width); return new Bucket(blocks, gather, count, widest); })
            .ToArray();
        AlphaColumns = alpha.Select(i => (long)i).ToArray();
        // cat([α columns, each bucket's padded [blocks × widest] flattened]) → original column order: where each column sits.
        var restore = new long[Width];
        long position = 0;
        foreach (int column in alpha) restore[column] = position++;
        foreach (var bucket in Buckets)
        {
            for (int b = 0; b < bucket.Blocks.Length; b++)
                for (int k = 0; k < bucket.Blocks[b].Size; k++)
                    restore[bucket.Blocks[b].Offset + k] = position + b * bucket.Widest + k;
            position += (long)bucket.Count * bucket.Widest;
        }
        Restore = restore;
        (DiscreteGather, DiscreteCount, DiscreteWidth) = Padded(discrete.Select(d => (d.DataOffset, d.Size)).ToArray(), Width);
        var conditionBlocks = discrete.Select(d => (d.ConditionOffset, d.Size)).ToArray();
        (ConditionGather, _, _) = Padded(conditionBlocks, discrete.Sum(d => d.Size));
    }

    /// <summary>One-hot blocks padded to a common width: gather indices into [row, pad].</summary>
    public sealed record Bucket((int Offset, int Size)[] Blocks, long[] Gather, int Count, int Widest);

    public int Width { get; }
    public long[] AlphaColumns { get; }
    public Bucket[] Buckets { get; }
    public long[] Restore { get; }
    public long[] DiscreteGather { get; }
    public int DiscreteCount { get; }
    public int DiscreteWidth { get; }
    public long[] ConditionGather { get; }

    private static int BucketOf(int size) => size <= 2 ? 2 : 1 << (int)Math.Ceiling(Math.Log2(size));

    /// <summary>Gather indices of blocks padded to the widest (pad index = <paramref name="padIndex"/>).</summary>
    private static (long[] Gather, int Count, int Widest) Padded((int Offset, int Size)[] blocks, int padIndex)
    {
        int widest = blocks.Length == 0 ? 1 : blocks.Max(b => b.Size);
        var gather = new long[blocks.Length * widest];
        for (int b = 0; b < blocks.Length; b++)
            for (int k = 0; k < widest; k++)
                gather[b * widest + k] = k < blocks[b].Size ? blocks[b].Offset + k : padIndex;
        return (gather, blocks.Length, widest);
    }

    /// <summary>Blocks of <paramref name="x"/> ([B, W]) as a padded [B, count, widest] tensor; padding is <paramref name="pad"/>.</summary>
    public static Tensor Gather(Tensor x, Tensor gather, int count, int widest, float pad) =>
        GatherPadded(WithPadColumn(x, pad), gather, count, widest);

    /// <summary><paramref name="x"/> ([B, W]) with one more column, all <paramref name="pad"/>: the column index W that gathers pad.</summary>
    public static Tensor WithPadColumn(Tensor x, float pad) =>
        cat(new[] { x, full(x.shape[0], 1, pad, dtype: x.dtype, device: x.device) }, 1);

    /// <summary>Blocks of an already padded <paramref name="extended"/> ([B, W + 1]) as a [B, count, widest] tensor.</summary>
    public static Tensor GatherPadded(Tensor extended, Tensor gather, int count, int widest) =>
        extended.index_select(1, gather).view(extended.shape[0], count, widest);
}
