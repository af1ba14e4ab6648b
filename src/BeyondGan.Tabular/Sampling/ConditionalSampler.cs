using BeyondGan.Tabular.Transform;

namespace BeyondGan.Tabular.Sampling;

/// <summary>
/// CTGAN's conditional vector and training-by-sampling (Xu et al. 2019, §4.3): per row, a discrete column is
/// picked uniformly and one of its levels with probability ∝ log(1 + count) (training) or ∝ count (unconditional
/// generation, so the true frequencies come back); the condition is that level's one-hot in the conditional vector,
/// and the real row is drawn uniformly among the rows that have the level.
/// </summary>
public sealed class ConditionalSampler
{
    private readonly IReadOnlyList<DiscreteColumn> columns;
    private readonly int[][][]? rowsByLevel;
    private readonly double[][] trainingCdf;
    private readonly double[][] frequencyCdf;
    private readonly int focus = -1;
    private readonly double focusShare;
    private readonly double[]? focusCdf;

    /// <summary>Indexes the encoded training matrix (row-major, the transformer's width per row).</summary>
    /// <param name="transformer">The fitted transformer.</param>
    /// <param name="matrix">The encoded training rows.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="focusColumn">A discrete column that conditions <paramref name="focusShare"/> of the rows, its levels drawn uniformly (null: none).</param>
    /// <param name="focusShare">Share of rows conditioned on <paramref name="focusColumn"/>.</param>
    public ConditionalSampler(DataTransformer transformer, float[] matrix, int rows, string? focusColumn = null, double focusShare = 0.5)
    {
        columns = transformer.DiscreteColumns;
        ConditionWidth = transformer.ConditionWidth;
        rowsByLevel = new int[columns.Count][][];
        trainingCdf = new double[columns.Count][];
        frequencyCdf = new double[columns.Count][];
        int width = transformer.Width;
        for (int d = 0; d < columns.Count; d++)
        {
            var column = columns[d];
            var lists = Enumerable.Range(0, column.Size).Select(_ => new List<int>()).ToArray();
            for (int r = 0; r < rows; r++)
            {
                int start = r * width + column.DataOffset, level = 0;
                for (int k = 1; k < column.Size; k++) if (matrix[start + k] > matrix[start + level]) level = k;
                lists[level].Add(r);
            }
            rowsByLevel[d] = lists.Select(l => l.ToArray()).ToArray();
            trainingCdf[d] = Cumulative(lists.Select(l => Math.Log(1.0 + l.Count)));
            frequencyCdf[d] = Cumulative(lists.Select(l => (double)l.Count));
        }
        if (focusColumn is not null)
        {
            focus = columns.ToList().FindIndex(c => c.Name == focusColumn);
            if (focus < 0) throw new ArgumentException($"The focus column '{focusColumn}' is not a categorical or boolean column of the model.");
            this.focusShare = focusShare;
            focusCdf = Cumulative(rowsByLevel[focus].Select(l => l.Length > 0 ? 1.0 : 0.0));
        }
    }

    private ConditionalSampler(DataTransformer transformer)
    {
        columns = transformer.DiscreteColumns;
        ConditionWidth = transformer.ConditionWidth;
        trainingCdf = columns.Select(c => Cumulative(c.Encoder.Counts.Select(n => Math.Log(1.0 + n)))).ToArray();
        frequencyCdf = columns.Select(c => Cumulative(c.Encoder.Counts.Select(n => (double)n))).ToArray();
    }

    /// <summary>A sampler for generation only, from the level counts the encoders saved (no training rows needed).</summary>
    public static ConditionalSampler FromCounts(DataTransformer transformer) => new(transformer);

    /// <summary>Size of the conditional vector (0 when the table has no discrete column).</summary>
    public int ConditionWidth { get; }

    /// <summary>True when there is at least one discrete column to condition on.</summary>
    public bool IsConditional => columns.Count > 0;

    /// <summary>
    /// Fills <paramref name="condition"/> (batch × <see cref="ConditionWidth"/>, zeroed) for a training batch and returns
    /// a real row index per batch row that matches it. <paramref name="uniform"/> holds 3 uniforms per batch row.
    /// </summary>
    public int[] SampleForTraining(ReadOnlySpan<double> uniform, float[] condition, int batch)
    {
        var hot = new long[batch];
        var realRows = new long[batch];
        SampleForTraining(uniform, hot, realRows);
        for (int b = 0; b < batch; b++) condition[b * ConditionWidth + hot[b]] = 1f;
        return realRows.Select(r => (int)r).ToArray();
    }

    /// <summary>
    /// The same draw in compact form, for one batch row per element of <paramref name="hot"/>: the position of each
    /// row's 1 in its conditional vector, and a matching real row index.
    /// </summary>
    public void SampleForTraining(ReadOnlySpan<double> uniform, Span<long> hot, Span<long> realRows)
    {
        if (rowsByLevel is null) throw new InvalidOperationException("This sampler was built from counts only and cannot draw training rows.");
        for (int b = 0; b < hot.Length; b++)
        {
            int d, level;
            double u = uniform[3 * b];
            if (focus >= 0 && u < focusShare)
            {
                d = focus;
                level = Pick(focusCdf!, uniform[3 * b + 1]);
            }
            else
            {
                if (focus >= 0) u = (u - focusShare) / (1 - focusShare);
                d = Math.Min((int)(u * columns.Count), columns.Count - 1);
                level = Pick(trainingCdf[d], uniform[3 * b + 1]);
            }
            hot[b] = columns[d].ConditionOffset + level;
            var candidates = rowsByLevel[d][level];
            realRows[b] = candidates[Math.Min((int)(uniform[3 * b + 2] * candidates.Length), candidates.Length - 1)];
        }
    }

    /// <summary>
    /// Fills <paramref name="condition"/> for unconditional generation: a column picked uniformly, a level with its
    /// training frequency, so that mixing over conditions gives back the data distribution. Two uniforms per row.
    /// Returns the (discrete column index, level) chosen for each row.
    /// </summary>
    public (int Column, int Level)[] SampleForGeneration(ReadOnlySpan<double> uniform, float[] condition, int batch)
    {
        var chosen = new (int, int)[batch];
        for (int b = 0; b < batch; b++)
        {
            int d = Math.Min((int)(uniform[2 * b] * columns.Count), columns.Count - 1);
            int level = Pick(frequencyCdf[d], uniform[2 * b + 1]);
            condition[b * ConditionWidth + columns[d].ConditionOffset + level] = 1f;
            chosen[b] = (d, level);
        }
        return chosen;
    }

    /// <summary>
    /// Splits <paramref name="rows"/> over levels in proportion to their training <paramref name="counts"/> (largest
    /// remainder, in exact integer arithmetic; ties to the more frequent, then the earlier, level).
    /// </summary>
    public static long[] Allocate(IReadOnlyList<long> counts, long rows)
    {
        long total = counts.Sum();
        var allocated = counts.Select(n => (long)((Int128)n * rows / total)).ToArray();
        foreach (int i in Enumerable.Range(0, counts.Count)
                     .OrderByDescending(i => (long)((Int128)counts[i] * rows % total)).ThenByDescending(i => counts[i]).ThenBy(i => i)
                     .Take((int)(rows - allocated.Sum())))
            allocated[i]++;
        return allocated;
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var w = weights.ToArray();
        double total = w.Sum(), running = 0;
        var cdf = new double[w.Length];
        for (int i = 0; i < w.Length; i++) { running += w[i]; cdf[i] = running / total; }
        return cdf;
    }

    private static int Pick(double[] cdf, double u)
    {
        int i = Array.BinarySearch(cdf, u);
        if (i < 0) i = ~i;
        // Skip levels with zero weight (possible when a level has no training rows).
        while (i < cdf.Length - 1 && (i > 0 ? cdf[i] - cdf[i - 1] : cdf[i]) <= 0) i++;
        return Math.Min(i, cdf.Length - 1);
    }
}
