using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;

namespace BeyondGan.Tabular.Rules;

/// <summary>Reads a column's cells as numbers (datetimes as seconds since 1970) for the rules; NaN where missing or unreadable.</summary>
internal static class ColumnValues
{
    public static double[] Numbers(RawTable table, ColumnSchema column)
    {
        var cells = table.Column(column.Name);
        var values = new double[cells.Length];
        for (int r = 0; r < cells.Length; r++)
            values[r] = cells[r] is { } c && ContinuousEncoder.TryParse(column, c, out var v) ? v : double.NaN;
        return values;
    }

    /// <summary>Decimal places the column is written with (−1: round-trip notation; 0 for integers and datetimes).</summary>
    public static int Decimals(RawTable table, ColumnSchema column)
    {
        if (column.Kind != ColumnKind.Continuous) return 0;
        int decimals = 0;
        foreach (var c in table.Column(column.Name))
        {
            if (c is null) continue;
            int d = ContinuousEncoder.DecimalsOf(c);
            if (d < 0) return -1;
            decimals = Math.Max(decimals, d);
        }
        return decimals;
    }

    /// <summary>Spearman's rank correlation of two equally long series (ties share their mean rank); 0 when either is constant.</summary>
    public static double RankCorrelation(double[] x, double[] y)
    {
        var rx = Ranks(x);
        var ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < rx.Length; i++) { sxy += (rx[i] - mx) * (ry[i] - my); sxx += (rx[i] - mx) * (rx[i] - mx); syy += (ry[i] - my) * (ry[i] - my); }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(double[] v)
    {
        var order = Enumerable.Range(0, v.Length).OrderBy(i => v[i]).ToArray();
        var ranks = new double[v.Length];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && v[order[j + 1]] == v[order[i]]) j++;
            for (int k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0;
            i = j + 1;
        }
        return ranks;
    }

    /// <summary>Half a unit in the last written place: how far apart two written values may be and still be equal.</summary>
    public static double HalfUnit(int decimals) => decimals < 0 ? 1e-9 : 0.5 * Math.Pow(10, -decimals);
}
