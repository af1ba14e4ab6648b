using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;
using BeyondGan.TimeSeries.Data;

namespace BeyondGan.TimeSeries.Transform;

/// <summary>
/// Every time step of a sequence as a vector of <see cref="Width"/> floats: each feature's block side by side (a scaled
/// number, a one-hot, a missing flag), and, when the time column's gaps vary, the log of the gap since the previous
/// row as a feature of its own (so irregular timestamps are modelled, and the sampled series advance by generated
/// gaps). Identifier columns are not modelled: they are written fresh.
/// </summary>
public sealed class SequenceEncoder
{
    /// <summary>The features' encoders, in the file's column order.</summary>
    [JsonPropertyName("features")] public required IReadOnlyList<StepEncoder> Features { get; init; }
    /// <summary>The log time gap's encoder, when gaps vary (null: regular or no time column).</summary>
    [JsonPropertyName("gap")] public NumberStepEncoder? Gap { get; init; }
    /// <summary>The one gap between rows when it never varies (null otherwise).</summary>
    [JsonPropertyName("step")] public double? Step { get; init; }

    /// <summary>Every block with its offset in a step's vector: the features', then the gap's.</summary>
    [JsonIgnore] public IReadOnlyList<(int Offset, OutputSpan Span)> Spans => spans ??= Layout();
    private IReadOnlyList<(int, OutputSpan)>? spans;

    /// <summary>Floats per time step.</summary>
    [JsonIgnore] public int Width => Features.Sum(f => f.Width) + (Gap?.Width ?? 0);

    /// <summary>Offset of each feature's block.</summary>
    [JsonIgnore] public IReadOnlyList<int> Offsets => Features.Select((f, i) => Features.Take(i).Sum(x => x.Width)).ToList();

    /// <summary>Offset of the gap's block (when <see cref="Gap"/> is set).</summary>
    [JsonIgnore] public int GapOffset => Features.Sum(f => f.Width);

    private List<(int, OutputSpan)> Layout()
    {
        var list = new List<(int, OutputSpan)>();
        int offset = 0;
        foreach (var e in Features.Concat(Gap is null ? [] : [Gap]))
            foreach (var s in e.Spans) { list.Add((offset, s)); offset += s.Size; }
        return list;
    }

    /// <summary>Fits an encoder per modelled feature of <paramref name="table"/> on the rows of <paramref name="sequences"/>.</summary>
    public static SequenceEncoder Fit(SequenceTable table, IReadOnlyList<Sequence> sequences)
    {
        var rows = sequences.SelectMany(s => s.Rows).Distinct().ToArray();
        var features = table.Schema.Features.Where(c => c.Schema.Kind != ColumnKind.Identifier).Select(c =>
        {
            var cells = table.Table.Column(c.Name);
            var values = rows.Select(r => cells[r]);
            return c.Schema.IsDiscrete ? (StepEncoder)CategoryStepEncoder.Fit(c.Schema, values) : NumberStepEncoder.Fit(c.Schema, values, table.Source);
        }).ToList();
        if (table.Schema.Time is null) return new SequenceEncoder { Features = features };
        var gaps = sequences.SelectMany(s => Enumerable.Range(1, s.Length - 1).Select(i => table.Times[s.Rows[i]] - table.Times[s.Rows[i - 1]])).ToList();
        double first = gaps.Count == 0 ? 1 : gaps[0];
        if (gaps.All(g => Math.Abs(g - first) <= 1e-9 * Math.Max(1, Math.Abs(first))))
            return new SequenceEncoder { Features = features, Step = first };
        var gap = NumberStepEncoder.Fit(new ColumnSchema("log gap", ColumnKind.Continuous), gaps.Select(g => Math.Log(g).ToString("R", System.Globalization.CultureInfo.InvariantCulture)), table.Source);
        return new SequenceEncoder { Features = features, Gap = gap };
    }

    /// <summary>
    /// The sequences as one row-major array of [sequences, <paramref name="length"/>, <see cref="Width"/>] floats (steps
    /// past a sequence's end are zeros), and each sequence's length.
    /// </summary>
    public (float[] Values, int[] Lengths) Encode(SequenceTable table, IReadOnlyList<Sequence> sequences, int length)
    {
        int width = Width;
        var values = new float[checked((long)sequences.Count * length * width)];
        var lengths = new int[sequences.Count];
        var offsets = Offsets;
        for (int i = 0; i < sequences.Count; i++)
        {
            var s = sequences[i];
            if (s.Length > length) throw new ArgumentException($"A sequence of {s.Length} steps is longer than the model's {length}.");
            lengths[i] = s.Length;
            long start = (long)i * length * width;
            var lines = s.Rows.Select(r => table.Table.Lines[r]).ToArray();
            for (int f = 0; f < Features.Count; f++)
            {
                var cells = table.Table.Column(Features[f].Column.Name);
                Features[f].Encode(s.Rows.Select(r => cells[r]).ToArray(), values, start, width, offsets[f], table.Source, lines);
            }
            if (Gap is not null)
            {
                // The first step has no gap before it: it takes the second step's, so the curve starts where it goes on.
                var gaps = Enumerable.Range(0, s.Length).Select(t =>
                    Math.Log(table.Times[s.Rows[Math.Max(t, 1)]] - table.Times[s.Rows[Math.Max(t, 1) - 1]]).ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                Gap.Encode(gaps, values, start, width, GapOffset, table.Source, lines);
            }
        }
        return (values, lengths);
    }

    /// <summary>Decodes <paramref name="steps"/> steps of one sequence: each feature's cells, and the gaps before steps 1…n−1 (null when regular).</summary>
    public (string?[][] Cells, double[]? Gaps) Decode(ReadOnlySpan<float> sequence, int steps)
    {
        var offsets = Offsets;
        var cells = new string?[Features.Count][];
        for (int f = 0; f < Features.Count; f++) cells[f] = Features[f].Decode(sequence, steps, Width, offsets[f]);
        double[]? gaps = null;
        if (Gap is not null)
        {
            gaps = new double[steps];
            for (int t = 0; t < steps; t++) gaps[t] = Math.Exp(Gap.Unscale(sequence[t * Width + GapOffset]));
        }
        return (cells, gaps);
    }
}
