using ScottPlot;

namespace BeyondGan.Evaluation.Report;

/// <summary>The report's two colours and PNG size, so every chart reads the same way: real is blue, synthetic orange.</summary>
internal static class ChartStyle
{
    public static readonly Color Real = Color.FromHex("#1f77b4");
    public static readonly Color Synthetic = Color.FromHex("#ff7f0e");
    public const int Width = 460;
    public const int Height = 300;

    /// <summary>Renders <paramref name="plot"/> as PNG bytes.</summary>
    public static byte[] Png(Plot plot, int width = Width, int height = Height) => plot.GetImageBytes(width, height, ImageFormat.Png);
}
