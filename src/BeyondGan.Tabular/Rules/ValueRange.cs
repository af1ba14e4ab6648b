using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;

namespace BeyondGan.Tabular.Rules;

/// <summary>
/// Every present value of <see cref="Column"/> lies from <see cref="Min"/> to <see cref="Max"/> (as written in the
/// input: numbers, or dates in the column's format) — the sign of an amount, the scale of a percentage. Kept by clamping.
/// </summary>
/// <param name="Column">A number or datetime column.</param>
/// <param name="Min">The smallest value, as written.</param>
/// <param name="Max">The largest value, as written.</param>
public sealed record ValueRange(
    [property: JsonPropertyName("column")] string Column,
    [property: JsonPropertyName("min")] string Min,
    [property: JsonPropertyName("max")] string Max) : TableRule
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => [Column];

    /// <inheritdoc />
    public override string Describe() => $"{Column} from {Min} to {Max}";

    /// <summary>The bounds as numbers (datetimes: seconds since 1970).</summary>
    public (double Min, double Max) Bounds(ColumnSchema column) =>
        ContinuousEncoder.TryParse(column, Min, out var min) && ContinuousEncoder.TryParse(column, Max, out var max) && min <= max
            ? (min, max)
            : throw new ArgumentException($"the range of '{Column}' ({Min} to {Max}) is not two {(column.Kind == ColumnKind.DateTime ? $"dates in the format {column.Format}" : "numbers")} in order.");

    /// <inheritdoc />
    public override bool?[] Breaks(RawTable table, TableSchema schema)
    {
        var column = OrderRelation.Schema(schema, Column);
        var (min, max) = Bounds(column);
        return ColumnValues.Numbers(table, column).Select(v => double.IsNaN(v) ? (bool?)null : v < min || v > max).ToArray();
    }
}
