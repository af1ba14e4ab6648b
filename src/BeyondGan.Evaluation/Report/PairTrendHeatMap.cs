using BeyondGan.Evaluation.Fidelity;
using ScottPlot;

namespace BeyondGan.Evaluation.Report;

/// <summary>
/// Heat map of 1 − pair-trend similarity for every column pair (0 = the pair relates the same way in both tables).
/// For two numeric columns this is |ρ_real − ρ_syn| / 2, the correlation difference; for other pairs it is the total
/// variation distance of the two-way frequency tables.
/// </summary>
public static class PairTrendHeatMap
{
    /// <summary>The chart as PNG bytes.</summary>
    public static byte[] Png(QualityReport quality)
    {
        var names = quality.Shapes.Select(s => s.Column).ToList();
        int n = names.Count;
        var cells = new double[n, n];
        foreach (var p in quality.Pairs)
        {
            int a = names.IndexOf(p.ColumnA), b = names.IndexOf(p.ColumnB);
            if (a < 0 || b < 0) continue;
            cells[a, b] = cells[b, a] = 1 - p.Score;
        }
        var plot = new Plot();
        var map = plot.Add.Heatmap(cells);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.ManualRange = new ScottPlot.Range(0, Math.Max(0.05, quality.Pairs.Count == 0 ? 0 : quality.Pairs.Max(p => 1 - p.Score)));
        plot.Add.ColorBar(map).Label = "1 − similarity";
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var labels = names.Select(l => l.Length > 16 ? l[..15] + "…" : l).ToArray();
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110; // rotated labels are not measured by the layout
        // Row 0 of the array is drawn at the top, so label the y axis from the top down.
        plot.Axes.Left.SetTicks(positions.Select(p => n - 1 - p).ToArray(), labels);
        plot.Title("Column pair trends: difference between real and synthetic", size: 13);
        plot.Axes.Margins(0, 0);
        int size = Math.Clamp(220 + 28 * n, 420, 1100);
        return ChartStyle.Png(plot, size + 120, size);
    }
}
