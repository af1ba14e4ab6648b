using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Transform;

/// <summary>
/// One-hot encoding of a categorical or boolean column. Missing is a level of its own (null); with a category
/// cap, the rarest levels share one "other" level. Levels are ordered by frequency, then spelling.
/// </summary>
public sealed class CategoricalEncoder : ColumnEncoder
{
    private Dictionary<string, int>? index;

    /// <summary>The levels, exactly as spelled in the input; null is the missing level.</summary>
    [JsonPropertyName("levels")] public required string?[] Levels { get; init; }
    /// <summary>Training rows per level.</summary>
    [JsonPropertyName("counts")] public required long[] Counts { get; init; }
    /// <summary>Index of the bucket for capped rare levels, or −1.</summary>
    [JsonPropertyName("other")] public int OtherLevel { get; init; } = -1;

    /// <inheritdoc />
    public override IReadOnlyList<OutputSpan> Spans => [new OutputSpan(Levels.Length, SpanActivation.Softmax)];

    /// <summary>The spelling used for the bucket of rare levels.</summary>
    public const string OtherSpelling = "(other)";

    /// <summary>Learns the levels of <paramref name="cells"/>; <paramref name="maxCategories"/> &gt; 0 caps their number.</summary>
    public static CategoricalEncoder Fit(ColumnSchema column, string?[] cells, int maxCategories = 0)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long missing = 0;
        foreach (var c in cells)
        {
            if (c is null) { missing++; continue; }
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }
        var ordered = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var levels = new List<string?>();
        var levelCounts = new List<long>();
        int other = -1;
        int keep = maxCategories > 0 && ordered.Count > maxCategories ? maxCategories - 1 : ordered.Count;
        foreach (var (level, count) in ordered.Take(keep)) { levels.Add(level); levelCounts.Add(count); }
        if (keep < ordered.Count)
        {
            other = levels.Count;
            levels.Add(OtherSpelling);
            levelCounts.Add(ordered.Skip(keep).Sum(p => p.Value));
        }
        if (missing > 0) { levels.Add(null); levelCounts.Add(missing); }
        return new CategoricalEncoder { Column = column, Levels = levels.ToArray(), Counts = levelCounts.ToArray(), OtherLevel = other };
    }

    /// <summary>The level index of <paramref name="value"/> (null = missing), or −1 if it was never seen.</summary>
    public int IndexOf(string? value)
    {
        if (value is null) return Array.IndexOf(Levels, null);
        index ??= Levels.Select((l, i) => (l, i)).Where(p => p.l is not null && p.i != OtherLevel).ToDictionary(p => p.l!, p => p.i, StringComparer.Ordinal);
        return index.TryGetValue(value, out var i) ? i : OtherLevel;
    }

    /// <inheritdoc />
    public override void Encode(RawTable table, string?[] cells, float[] matrix, int width, int offset, Random rng)
    {
        for (int r = 0; r < cells.Length; r++)
        {
            int level = IndexOf(cells[r]);
            if (level < 0) throw new TabularDataException(table.Source, $"'{cells[r]}' is a category the model has not seen.", table.Lines[r], Column.Name);
            matrix[(long)r * width + offset + level] = 1f;
        }
    }

    /// <inheritdoc />
    public override string?[] Decode(float[] matrix, int rows, int width, int offset, long firstRow)
    {
        var output = new string?[rows];
        for (int r = 0; r < rows; r++) output[r] = Levels[ArgMax(matrix, r * width + offset, Levels.Length)];
        return output;
    }
}
