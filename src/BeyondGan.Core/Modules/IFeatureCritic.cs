using static TorchSharp.torch;

namespace BeyondGan.Modules;

/// <summary>A critic that also shows its intermediate activations, for feature matching (Salimans et al. 2016, §3.1).</summary>
public interface IFeatureCritic
{
    /// <summary>The scores of <paramref name="x"/> (as the critic's forward gives them) and every hidden layer's activations, in a fixed order.</summary>
    (Tensor Scores, IReadOnlyList<Tensor> Features) ScoreWithFeatures(Tensor x, Tensor? condition);
}
