using System.Globalization;
using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Rules;

/// <summary>
/// <see cref="Total"/> = Σ coefficient × part, to the data's rounding — plus, where the table adds a fee or surcharge
/// the parts do not name, one of a few <see cref="Offsets"/> (<c>total = fare + tip + tolls + one of 3.3, 3.8, …</c>).
/// Kept by modelling the parts (and which offset) and computing the total in the input's rounding.
/// </summary>
/// <param name="Total">The column that is the sum.</param>
/// <param name="Terms">The parts and their coefficients (small integers, usually 1).</param>
public sealed record LinearIdentity(
    [property: JsonPropertyName("total")] string Total,
    [property: JsonPropertyName("terms")] IReadOnlyList<IdentityTerm> Terms) : TableRule
{
    /// <summary>The values that total − Σ terms takes in the training table (one value, 0, for a plain sum).</summary>
    [JsonPropertyName("offsets")] public IReadOnlyList<double> Offsets { get; init; } = [0];

    /// <summary>Decimals of the finest column involved: the grid every residual lies on (−1: unrounded numbers).</summary>
    [JsonPropertyName("decimals")] public int Decimals { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => [Total, .. Terms.Select(t => t.Column)];

    /// <inheritdoc />
    public override string Describe()
    {
        var sum = string.Join("", Terms.Select((t, i) => Term(t, i == 0)));
        if (Offsets is [var only]) return only == 0 ? $"{Total} = {sum}" : $"{Total} = {sum} + {Number(only)}";
        var shown = string.Join(", ", Offsets.Take(4).Select(Number));
        return $"{Total} = {sum} + one of {Offsets.Count} offsets ({shown}{(Offsets.Count > 4 ? ", …" : "")})";
    }

    private static string Term(IdentityTerm t, bool first)
    {
        string name = Math.Abs(t.Coefficient) == 1 ? t.Column : $"{Math.Abs(t.Coefficient).ToString(CultureInfo.InvariantCulture)} × {t.Column}";
        return first ? (t.Coefficient < 0 ? "−" + name : name) : (t.Coefficient < 0 ? " − " : " + ") + name;
    }

    private static string Number(double v) => v.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>Total − Σ terms for every row (NaN where a value is missing).</summary>
    internal double[] Residuals(RawTable table, TableSchema schema)
    {
        var total = ColumnValues.Numbers(table, OrderRelation.Schema(schema, Total));
        var residual = (double[])total.Clone();
        foreach (var t in Terms)
        {
            var x = ColumnValues.Numbers(table, OrderRelation.Schema(schema, t.Column));
            for (int r = 0; r < residual.Length; r++) residual[r] -= t.Coefficient * x[r];
        }
        return residual;
    }

    /// <summary>The offset nearest to <paramref name="residual"/>, or NaN when none is within half a unit of the grid.</summary>
    internal double MatchOffset(double residual)
    {
        double tolerance = Decimals < 0 ? 1e-6 * Math.Max(1, Math.Abs(residual)) : ColumnValues.HalfUnit(Decimals) * 0.999;
        double best = double.NaN, distance = double.PositiveInfinity;
        foreach (var o in Offsets)
        {
            double d = Math.Abs(residual - o);
            if (d < distance) { distance = d; best = o; }
        }
        return distance <= tolerance ? best : double.NaN;
    }

    /// <inheritdoc />
    public override bool?[] Breaks(RawTable table, TableSchema schema) =>
        Residuals(table, schema).Select(r => double.IsNaN(r) ? (bool?)null : double.IsNaN(MatchOffset(r))).ToArray();
}

/// <summary>One part of a <see cref="LinearIdentity"/>.</summary>
/// <param name="Column">The part's column.</param>
/// <param name="Coefficient">Its coefficient (a small integer).</param>
public sealed record IdentityTerm(
    [property: JsonPropertyName("column")] string Column,
    [property: JsonPropertyName("coefficient")] int Coefficient = 1);
