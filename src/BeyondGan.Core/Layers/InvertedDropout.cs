using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// Dropout (Srivastava et al. 2014) in its inverted form, the 1/(1 − p) scaling applied at training time:
/// y = x · m / (1 − p) with m = [u ≥ p], u ~ U(0, 1) per element, in training mode; y = x in evaluation mode.
/// Same distribution as <c>nn.Dropout</c>, but the mask is drawn by comparing uniforms: libtorch's CPU
/// <c>bernoulli_</c> (behind <c>nn.Dropout</c>) is a serial per-element kernel on CPUs without Intel's MKL
/// generator path, 4× slower here (0.31 against 0.08 ms for 100 × 256 values), which was ≈ 6 % of a CTGAN step.
/// The uniforms come from the global generator, as nn.Dropout's draws do, so seeded runs and resumes stay exact.
/// </summary>
public sealed class InvertedDropout : nn.Module<Tensor, Tensor>
{
    /// <summary>The probability p that an element is zeroed.</summary>
    public double Probability { get; }

    /// <summary>Creates the layer.</summary>
    /// <param name="probability">The probability p that an element is zeroed, in [0, 1).</param>
    public InvertedDropout(double probability) : base(nameof(InvertedDropout))
    {
        if (probability is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(probability), "Dropout probability must be in [0, 1).");
        Probability = probability;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        // A new handle, never x itself: nn.Sequential disposes each layer's input once the next layer has run.
        if (!training || Probability == 0) return x.alias();
        using var mask = rand_like(x).ge_(Probability).mul_(1.0 / (1.0 - Probability));
        return x * mask;
    }
}
