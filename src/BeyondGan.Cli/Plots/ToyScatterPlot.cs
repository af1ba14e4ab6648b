using BeyondGan.IO;
using BeyondGan.Toy;
using ScottPlot;

namespace BeyondGan.Cli.Plots;

/// <summary>Scatter of generated 2-D samples over the mixture's mode centres, written as a PNG.</summary>
internal static class ToyScatterPlot
{
    public static void Save(string path, float[,] samples, GaussianMixture2D data, ModeCollapseMetrics metrics, string title)
    {
        var plot = new Plot();
        int n = samples.GetLength(0);
        var xs = new double[n];
        var ys = new double[n];
        for (int i = 0; i < n; i++) { xs[i] = samples[i, 0]; ys[i] = samples[i, 1]; }
        var generated = plot.Add.ScatterPoints(xs, ys);
        generated.Color = Colors.SteelBlue.WithAlpha(0.35);
        generated.MarkerSize = 3;
        generated.LegendText = "generated";
        int k = data.ModeCount;
        var mx = new double[k];
        var my = new double[k];
        for (int m = 0; m < k; m++) { mx[m] = data.Modes[m, 0]; my[m] = data.Modes[m, 1]; }
        var modes = plot.Add.ScatterPoints(mx, my);
        modes.Color = Colors.Red;
        modes.MarkerShape = MarkerShape.OpenCircle;
        modes.MarkerSize = 12;
        modes.LegendText = "mode centres";
        plot.Title($"{title}: {metrics.ModesCaptured}/{metrics.ModeCount} modes, HQ {metrics.HighQualityFraction:P1}, reverse KL {metrics.ReverseKl:F3}");
        plot.Axes.SquareUnits();
        double r = data.Name == "ring" ? 1.6 : 6;
        plot.Axes.SetLimits(-r, r, -r, r);
        plot.ShowLegend(Alignment.UpperRight);
        var bytes = plot.GetImageBytes(720, 720, ImageFormat.Png);
        AtomicFile.WriteAllBytes(path, bytes);
    }
}
