using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;

namespace BeyondGan.TimeSeries.Transform;

/// <summary>
/// Turns one time-varying column into a few floats per time step and back: a number scaled to [−1, 1] by the
/// column's range (tanh), a category as a one-hot (softmax), and for a column with missing values a [present, missing]
/// one-hot beside it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "encoder")]
[JsonDerivedType(typeof(NumberStepEncoder), "number")]
[JsonDerivedType(typeof(CategoryStepEncoder), "category")]
public abstract class StepEncoder
{
    /// <summary>The column.</summary>
    [JsonPropertyName("column")] public required ColumnSchema Column { get; init; }

    /// <summary>The output blocks of one step.</summary>
    [JsonIgnore] public abstract IReadOnlyList<OutputSpan> Spans { get; }

    /// <summary>Floats per step.</summary>
    [JsonIgnore] public int Width => Spans.Sum(s => s.Size);

    /// <summary>Writes one sequence's cells (in time order) into <paramref name="output"/> at <paramref name="offset"/>, <paramref name="stride"/> floats per step.</summary>
    public abstract void Encode(IReadOnlyList<string?> cells, float[] output, long start, int stride, int offset, string source, IReadOnlyList<int> lines);

    /// <summary>Reads <paramref name="steps"/> steps back into cells (null = missing).</summary>
    public abstract string?[] Decode(ReadOnlySpan<float> values, int steps, int stride, int offset);

    /// <summary>Index of the largest of <paramref name="size"/> floats from <paramref name="at"/>.</summary>
    protected static int ArgMax(ReadOnlySpan<float> values, int at, int size)
    {
        int best = 0;
        for (int i = 1; i < size; i++) if (values[at + i] > values[at + best]) best = i;
        return best;
    }
}

/// <summary>A number (integer, decimal or datetime) scaled from [<see cref="Min"/>, <see cref="Max"/>] to [−1, 1].</summary>
public sealed class NumberStepEncoder : StepEncoder
{
    /// <summary>Smallest training value (datetimes: seconds).</summary>
    [JsonPropertyName("min")] public required double Min { get; init; }
    /// <summary>Largest training value.</summary>
    [JsonPropertyName("max")] public required double Max { get; init; }
    /// <summary>Decimals written (−1: round-trip form).</summary>
    [JsonPropertyName("decimals")] public required int Decimals { get; init; }
    /// <summary>True when the column has missing values (a [present, missing] one-hot follows the value).</summary>
    [JsonPropertyName("has_missing")] public required bool HasMissing { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<OutputSpan> Spans => HasMissing
        ? [new(1, SpanActivation.Tanh), new(2, SpanActivation.Softmax)]
        : [new(1, SpanActivation.Tanh)];

    /// <summary>Learns the column's range from every training cell.</summary>
    public static NumberStepEncoder Fit(ColumnSchema column, IEnumerable<string?> cells, string source)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        int decimals = 0;
        bool missing = false;
        foreach (var c in cells)
        {
            if (c is null) { missing = true; continue; }
            if (!ContinuousEncoder.TryParse(column, c, out var v))
                throw new TabularDataException(source, $"'{c}' is not {(column.Kind == ColumnKind.DateTime ? $"a date in the format {column.Format}" : "a number")}.", column: column.Name);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            if (column.Kind == ColumnKind.Continuous && decimals >= 0)
            {
                int d = ContinuousEncoder.DecimalsOf(c);
                decimals = d < 0 ? -1 : Math.Max(decimals, d);
            }
        }
        if (double.IsInfinity(min)) throw new TabularDataException(source, "every value is missing; there is nothing to learn.", column: column.Name);
        return new NumberStepEncoder { Column = column, Min = min, Max = max, Decimals = decimals, HasMissing = missing };
    }

    private double Scale(double v) => Max > Min ? 2 * (v - Min) / (Max - Min) - 1 : 0;

    /// <inheritdoc />
    public override void Encode(IReadOnlyList<string?> cells, float[] output, long start, int stride, int offset, string source, IReadOnlyList<int> lines)
    {
        // A missing cell takes the last present value (or the next one, at the start), so the value stays a smooth curve.
        double last = double.NaN;
        for (int t = 0; t < cells.Count && double.IsNaN(last); t++)
            if (cells[t] is { } c && ContinuousEncoder.TryParse(Column, c, out var v)) last = v;
        if (double.IsNaN(last)) last = (Min + Max) / 2;
        for (int t = 0; t < cells.Count; t++)
        {
            long at = start + (long)t * stride + offset;
            bool missing = cells[t] is null;
            if (!missing)
            {
                if (!ContinuousEncoder.TryParse(Column, cells[t]!, out last))
                    throw new TabularDataException(source, $"'{cells[t]}' is not a number.", lines[t], Column.Name);
            }
            else if (!HasMissing) throw new TabularDataException(source, "a missing value, but the model's column had none.", lines[t], Column.Name);
            output[at] = (float)Math.Clamp(Scale(last), -1, 1);
            if (HasMissing) output[at + 1 + (missing ? 1 : 0)] = 1f;
        }
    }

    /// <summary>The number a scaled value stands for, clamped to the training range.</summary>
    public double Unscale(float scaled) => Math.Clamp(Min + (Math.Clamp(scaled, -1f, 1f) + 1) / 2 * (Max - Min), Min, Max);

    /// <inheritdoc />
    public override string?[] Decode(ReadOnlySpan<float> values, int steps, int stride, int offset)
    {
        var cells = new string?[steps];
        for (int t = 0; t < steps; t++)
        {
            int at = t * stride + offset;
            if (HasMissing && ArgMax(values, at + 1, 2) == 1) continue;
            cells[t] = ContinuousEncoder.Format(Column, Decimals, Unscale(values[at]));
        }
        return cells;
    }
}

/// <summary>A category (or flag) as a one-hot over its training levels; missing is a level of its own.</summary>
public sealed class CategoryStepEncoder : StepEncoder
{
    private Dictionary<string, int>? index;

    /// <summary>The levels as spelled in the input (null = missing), commonest first.</summary>
    [JsonPropertyName("levels")] public required string?[] Levels { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<OutputSpan> Spans => [new(Levels.Length, SpanActivation.Softmax)];

    /// <summary>Learns the levels from every training cell.</summary>
    public static CategoryStepEncoder Fit(ColumnSchema column, IEnumerable<string?> cells)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        bool missing = false;
        foreach (var c in cells)
            if (c is null) missing = true;
            else counts[c] = counts.GetValueOrDefault(c) + 1;
        var levels = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (string?)p.Key).ToList();
        if (missing) levels.Add(null);
        return new CategoryStepEncoder { Column = column, Levels = levels.ToArray() };
    }

    /// <summary>The level index of <paramref name="value"/>, or −1.</summary>
    public int IndexOf(string? value)
    {
        if (value is null) return Array.IndexOf(Levels, null);
        index ??= Levels.Select((l, i) => (l, i)).Where(p => p.l is not null).ToDictionary(p => p.l!, p => p.i, StringComparer.Ordinal);
        return index.GetValueOrDefault(value, -1);
    }

    /// <inheritdoc />
    public override void Encode(IReadOnlyList<string?> cells, float[] output, long start, int stride, int offset, string source, IReadOnlyList<int> lines)
    {
        for (int t = 0; t < cells.Count; t++)
        {
            int level = IndexOf(cells[t]);
            if (level < 0) throw new TabularDataException(source, $"'{cells[t]}' is a category the model has not seen.", lines[t], Column.Name);
            output[start + (long)t * stride + offset + level] = 1f;
        }
    }

    /// <inheritdoc />
    public override string?[] Decode(ReadOnlySpan<float> values, int steps, int stride, int offset)
    {
        var cells = new string?[steps];
        for (int t = 0; t < steps; t++) cells[t] = Levels[ArgMax(values, t * stride + offset, Levels.Length)];
        return cells;
    }
}
