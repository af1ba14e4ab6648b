using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Rules;

/// <summary>
/// <see cref="Lower"/> ≤ <see cref="Upper"/> in every row where both are present (<c>pickup</c> ≤ <c>dropoff</c>): two
/// number columns, or two datetime columns. Kept by modelling the upper column as a non-negative gap above the lower.
/// </summary>
/// <param name="Lower">The column that is never larger.</param>
/// <param name="Upper">The column that is never smaller.</param>
public sealed record OrderRelation(
    [property: JsonPropertyName("lower")] string Lower,
    [property: JsonPropertyName("upper")] string Upper) : TableRule
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => [Lower, Upper];

    /// <inheritdoc />
    public override string Describe() => $"{Lower} ≤ {Upper}";

    /// <inheritdoc />
    public override bool?[] Breaks(RawTable table, TableSchema schema)
    {
        var lower = ColumnValues.Numbers(table, Schema(schema, Lower));
        var upper = ColumnValues.Numbers(table, Schema(schema, Upper));
        var breaks = new bool?[lower.Length];
        for (int r = 0; r < breaks.Length; r++)
            if (!double.IsNaN(lower[r]) && !double.IsNaN(upper[r])) breaks[r] = lower[r] > upper[r];
        return breaks;
    }

    internal static ColumnSchema Schema(TableSchema schema, string name) =>
        schema.Find(name) ?? throw new ArgumentException($"the rule names column '{name}', which the schema does not have.");
}
