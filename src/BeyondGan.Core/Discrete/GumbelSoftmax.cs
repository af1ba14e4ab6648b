using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace BeyondGan.Discrete;

/// <summary>
/// Gumbel-softmax relaxation of a categorical sample (Jang et al. 2017, Eq. 1; Maddison et al. 2017):
/// y = softmax((logits + g) / τ) with g = −log(−log U), U ~ Uniform(0, 1). With <c>hard</c>, the forward value
/// is the one-hot argmax and the gradient is that of the soft sample (straight-through, Jang et al. §2.2).
/// TorchSharp 0.107 has no gumbel_softmax.
/// </summary>
public static class GumbelSoftmax
{
    /// <summary>Draws a relaxed one-hot sample along the last dimension.</summary>
    /// <param name="logits">Unnormalised log-probabilities, [..., K].</param>
    /// <param name="tau">Temperature τ &gt; 0; small τ gives nearly one-hot samples.</param>
    /// <param name="hard">Return exact one-hot vectors with straight-through gradients.</param>
    /// <param name="rng">Random generator (for reproducible runs); null uses the global one.</param>
    public static Tensor Sample(Tensor logits, double tau, bool hard = false, TorchSharp.torch.Generator? rng = null)
    {
        if (tau <= 0) throw new ArgumentOutOfRangeException(nameof(tau), "Temperature must be positive.");
        var soft = softmax((logits + Noise(logits.shape, logits.dtype, logits.device, rng)) / tau, -1);
        return hard ? StraightThrough.Apply(StraightThrough.OneHotArgmax(soft), soft) : soft;
    }

    /// <summary>Standard Gumbel noise g = −log(−log U), U ~ Uniform(0, 1), of the given shape.</summary>
    public static Tensor Noise(long[] shape, ScalarType dtype, Device device, TorchSharp.torch.Generator? rng = null)
    {
        // In place on the one fresh tensor: one allocation instead of seven (the same values).
        var g = rand(shape, dtype: dtype, generator: rng).to(device);
        return g.clamp_min_(1e-20).log_().neg_().clamp_min_(1e-20).log_().neg_();
    }
}
