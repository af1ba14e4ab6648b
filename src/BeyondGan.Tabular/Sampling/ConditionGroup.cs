using BeyondGan.Tabular.Transform;

namespace BeyondGan.Tabular.Sampling;

/// <summary>
/// A condition on one discrete column of the model: the levels a row may take — one for <c>--condition col=value</c>,
/// several when the value is that of a column looked up from this one — each drawn with its training frequency.
/// </summary>
/// <param name="Column">The modelled discrete column.</param>
/// <param name="Levels">The allowed level indices.</param>
/// <param name="Cdf">Cumulative training frequencies of <paramref name="Levels"/>.</param>
public sealed record ConditionGroup(DiscreteColumn Column, int[] Levels, double[] Cdf)
{
    /// <summary>Exactly one level.</summary>
    public static ConditionGroup Single(DiscreteColumn column, int level) => new(column, [level], [1.0]);

    /// <summary>Any of <paramref name="levels"/>, by training frequency.</summary>
    public static ConditionGroup Of(DiscreteColumn column, int[] levels)
    {
        var weights = levels.Select(l => (double)Math.Max(1, column.Encoder.Counts[l])).ToArray();
        double total = weights.Sum(), running = 0;
        return new(column, levels, weights.Select(w => (running += w) / total).ToArray());
    }

    /// <summary>Each group's level for each of <paramref name="rows"/> rows, drawn from a stream seeded <paramref name="seed"/>.</summary>
    public static int[][] Draw(IReadOnlyList<ConditionGroup> groups, int rows, ulong seed)
    {
        var rng = new Random(unchecked((int)(seed ^ (seed >> 32))));
        return groups.Select(g =>
        {
            var levels = new int[rows];
            if (g.Levels.Length == 1) { Array.Fill(levels, g.Levels[0]); return levels; }
            for (int r = 0; r < rows; r++)
            {
                int i = Array.BinarySearch(g.Cdf, rng.NextDouble());
                levels[r] = g.Levels[Math.Min(i < 0 ? ~i : i, g.Levels.Length - 1)];
            }
            return levels;
        }).ToArray();
    }
}
