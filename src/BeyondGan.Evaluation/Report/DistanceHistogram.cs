using ScottPlot;

namespace BeyondGan.Evaluation.Report;

/// <summary>Histogram of distances to the closest training record: synthetic rows against holdout rows.</summary>
public static class DistanceHistogram
{
    /// <summary>The chart as PNG bytes.</summary>
    public static byte[] Png(IReadOnlyList<float> synthetic, IReadOnlyList<float> holdout)
    {
        var plot = new Plot();
        double max = Math.Max(synthetic.Count > 0 ? synthetic.Max() : 0, holdout.Count > 0 ? holdout.Max() : 0);
        if (max <= 0) max = 1;
        const int bins = 40;
        double width = max / bins;
        var centres = Enumerable.Range(0, bins).Select(i => (i + 0.5) * width).ToArray();
        void Add(IReadOnlyList<float> values, Color color, string label)
        {
            if (values.Count == 0) return;
            var counts = new double[bins];
            foreach (var v in values) counts[Math.Clamp((int)(v / width), 0, bins - 1)]++;
            var bars = plot.Add.Bars(centres, counts.Select(c => c / values.Count).ToArray());
            foreach (var bar in bars.Bars) { bar.Size = width; bar.FillColor = color.WithAlpha(0.45); bar.LineWidth = 0; }
            bars.LegendText = label;
        }
        Add(holdout, ChartStyle.Real, "holdout → train (real baseline)");
        Add(synthetic, ChartStyle.Synthetic, "synthetic → train");
        plot.Title("Distance to the closest training record (Gower)", size: 13);
        plot.Axes.Bottom.Label.Text = "distance (0 = identical row)";
        plot.Axes.Left.Label.Text = "share of rows";
        plot.ShowLegend(Alignment.UpperRight);
        return ChartStyle.Png(plot, 640, 340);
    }
}
