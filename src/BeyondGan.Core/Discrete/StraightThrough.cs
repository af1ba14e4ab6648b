using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace BeyondGan.Discrete;

/// <summary>
/// The straight-through estimator (Bengio et al. 2013): use a discrete value forward, pass the gradient of a
/// continuous surrogate backward: y = y_hard − stopgrad(y_soft) + y_soft.
/// </summary>
public static class StraightThrough
{
    /// <summary>Forward value <paramref name="hard"/>, gradient of <paramref name="soft"/>.</summary>
    public static Tensor Apply(Tensor hard, Tensor soft) => hard - soft.detach() + soft;

    /// <summary>One-hot of the argmax along the last dimension (no gradient).</summary>
    public static Tensor OneHotArgmax(Tensor probabilities)
    {
        var index = probabilities.argmax(-1);
        return one_hot(index, probabilities.shape[^1]).to(probabilities.dtype);
    }

    /// <summary>Categorical one-hot with straight-through gradient of the softmax.</summary>
    public static Tensor OneHot(Tensor logits)
    {
        var soft = softmax(logits, -1);
        return Apply(OneHotArgmax(soft), soft);
    }

    /// <summary>Rounds to the nearest integer forward, identity gradient backward.</summary>
    public static Tensor Round(Tensor x) => Apply(x.round(), x);
}
