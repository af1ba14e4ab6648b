using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace BeyondGan.Losses;

/// <summary>Binary cross-entropy on logits, written out: −t·log σ(s) − (1 − t)·log(1 − σ(s)), averaged.</summary>
internal static class BinaryCrossEntropy
{
    public static Tensor WithTarget(Tensor logits, double target) =>
        target == 1.0
            ? softplus(-logits).mean()
            : (target * softplus(-logits) + (1.0 - target) * softplus(logits)).mean();
}
