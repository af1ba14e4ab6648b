using BeyondGan.Training;
using ScottPlot;

namespace BeyondGan.Evaluation.Report;

/// <summary>The training curves of a model: every metric in its history against the step (or epoch) it was recorded at.</summary>
public static class TrainingCurveChart
{
    /// <summary>The chart as PNG bytes, or null when the history is empty.</summary>
    public static byte[]? Png(MetricsHistory history, string xLabel = "epoch")
    {
        if (history.Count == 0) return null;
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int i = 0;
        foreach (var name in history.Columns)
        {
            var series = history.Series(name).Where(p => double.IsFinite(p.Value)).ToArray();
            if (series.Length == 0) continue;
            var line = plot.Add.ScatterLine(series.Select(p => (double)p.Step).ToArray(), series.Select(p => p.Value).ToArray());
            line.Color = palette.GetColor(i++);
            line.LineWidth = 1.5f;
            line.LegendText = name;
        }
        plot.Title("Training curves", size: 13);
        plot.Axes.Bottom.Label.Text = xLabel;
        plot.ShowLegend(Alignment.UpperRight);
        return ChartStyle.Png(plot, 640, 340);
    }
}
