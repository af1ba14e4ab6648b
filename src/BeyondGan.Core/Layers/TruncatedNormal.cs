using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// Fills a tensor from a normal distribution N(mean, σ²) truncated to [a, b] (absolute bounds, as PyTorch's
/// <c>nn.init.trunc_normal_</c> takes them) by the inverse CDF: u ~ U(Φ((a − mean)/σ), Φ((b − mean)/σ)), x = mean + σ·√2·erf⁻¹(2u − 1). Written here because TorchSharp 0.107's
/// <c>nn.init.trunc_normal_</c> does not draw a normal (docs/TORCHSHARP.md). Draws from the global generator.
/// </summary>
public static class TruncatedNormal
{
    /// <summary>Fills <paramref name="tensor"/> in place (no gradient recorded) and returns it.</summary>
    public static Tensor Fill(Tensor tensor, double std, double mean = 0, double a = -2, double b = 2)
    {
        if (!(std > 0) || !(a < b)) throw new ArgumentException($"the truncated normal needs σ > 0 and a < b (got σ {std}, [{a}, {b}]).");
        using var _ = no_grad();
        double low = Phi((a - mean) / std), high = Phi((b - mean) / std);
        tensor.uniform_(2 * low - 1, 2 * high - 1).erfinv_().mul_(std * Math.Sqrt(2)).add_(mean).clamp_(a, b);
        return tensor;
    }

    private static double Phi(double x) => 0.5 * (1 + MathNet.Numerics.SpecialFunctions.Erf(x / Math.Sqrt(2)));
}
