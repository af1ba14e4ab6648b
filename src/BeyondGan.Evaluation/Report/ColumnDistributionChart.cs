using BeyondGan.Evaluation.Fidelity;
using BeyondGan.Tabular.Data;
using ScottPlot;

namespace BeyondGan.Evaluation.Report;

/// <summary>Real vs synthetic distribution of one column: overlaid histograms (numbers, dates) or paired bars (categories).</summary>
public static class ColumnDistributionChart
{
    /// <summary>Most categories drawn; the rest are summed into "(other)".</summary>
    public const int MaxCategories = 12;

    /// <summary>The chart as PNG bytes.</summary>
    public static byte[] Png(RawTable real, RawTable synthetic, ColumnSchema column, string subtitle)
    {
        var plot = new Plot();
        if (column.IsNumeric) Histogram(plot, ColumnValues.Numeric(real, column), ColumnValues.Numeric(synthetic, column), column.Kind == ColumnKind.DateTime);
        else Categories(plot, ColumnValues.Categorical(real, column), ColumnValues.Categorical(synthetic, column));
        plot.Title($"{column.Name} ({subtitle})", size: 13);
        plot.Axes.Left.Label.Text = "share of rows";
        plot.Axes.Left.Label.FontSize = 12;
        plot.ShowLegend(Alignment.UpperRight);
        return ChartStyle.Png(plot);
    }

    private static void Histogram(Plot plot, double[] real, double[] synthetic, bool dates)
    {
        var r = real.Where(double.IsFinite).ToArray();
        var s = synthetic.Where(double.IsFinite).ToArray();
        if (r.Length == 0) return;
        double min = r.Min(), max = r.Max();
        if (s.Length > 0) { min = Math.Min(min, s.Min()); max = Math.Max(max, s.Max()); }
        if (max <= min) max = min + 1;
        const int bins = 30;
        double width = (max - min) / bins;
        double scale = dates ? 1.0 / 86400 : 1; // dates drawn in days (OLE automation dates) so the axis can show calendar dates
        double offset = dates ? DateTime.UnixEpoch.ToOADate() : 0;
        var centres = Enumerable.Range(0, bins).Select(i => (min + (i + 0.5) * width) * scale + offset).ToArray();
        AddBars(plot, centres, Shares(r, min, width, bins), width * scale, ChartStyle.Real, "real");
        AddBars(plot, centres, Shares(s, min, width, bins), width * scale, ChartStyle.Synthetic, "synthetic");
        if (dates) plot.Axes.DateTimeTicksBottom();
    }

    private static double[] Shares(double[] values, double min, double width, int bins)
    {
        var counts = new double[bins];
        foreach (var v in values) counts[Math.Clamp((int)((v - min) / width), 0, bins - 1)]++;
        return counts.Select(c => values.Length == 0 ? 0 : c / values.Length).ToArray();
    }

    private static void AddBars(Plot plot, double[] positions, double[] values, double size, Color color, string label)
    {
        var bars = plot.Add.Bars(positions, values);
        foreach (var bar in bars.Bars)
        {
            bar.Size = size;
            bar.FillColor = color.WithAlpha(0.45);
            bar.LineWidth = 0;
        }
        bars.LegendText = label;
    }

    private static void Categories(Plot plot, string[] real, string[] synthetic)
    {
        var pr = TvComplement.Frequencies(real);
        var ps = TvComplement.Frequencies(synthetic);
        var levels = pr.Keys.Union(ps.Keys).OrderByDescending(k => pr.GetValueOrDefault(k)).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var shown = levels.Take(levels.Count > MaxCategories ? MaxCategories - 1 : MaxCategories).ToList();
        var rest = levels.Skip(shown.Count).ToList();
        double Sum(Dictionary<string, double> p, string level) => level == "\u0001" ? rest.Sum(k => p.GetValueOrDefault(k)) : p.GetValueOrDefault(level);
        if (rest.Count > 0) shown.Add("\u0001");
        var positions = Enumerable.Range(0, shown.Count).Select(i => (double)i).ToArray();
        AddBars(plot, positions.Select(x => x - 0.2).ToArray(), shown.Select(l => Sum(pr, l)).ToArray(), 0.4, ChartStyle.Real, "real");
        AddBars(plot, positions.Select(x => x + 0.2).ToArray(), shown.Select(l => Sum(ps, l)).ToArray(), 0.4, ChartStyle.Synthetic, "synthetic");
        var labels = shown.Select(l => l == "\u0001" ? $"(other {rest.Count})" : l.Length > 14 ? l[..13] + "…" : l).ToArray();
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.Bottom.TickLabelStyle.Rotation = shown.Count > 4 ? 40 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = shown.Count > 4 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        if (shown.Count > 4) plot.Axes.Bottom.MinimumSize = 90; // rotated labels are not measured by the layout
        plot.Axes.Margins(bottom: 0);
    }
}
