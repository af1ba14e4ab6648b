using static TorchSharp.torch;

namespace BeyondGan.Modules;

/// <summary>A critic with an auxiliary classifier head on its features (AC-GAN, Odena et al. 2017, §3), for <see cref="BeyondGan.Regularizers.AuxiliaryClassifier"/>.</summary>
public interface IClassifyingCritic
{
    /// <summary>Number of classes the head tells apart (0: the critic has no head).</summary>
    int Classes { get; }

    /// <summary>Unnormalised log-probabilities [batch, <see cref="Classes"/>] of each sample's class, from the features the score is computed on.</summary>
    Tensor ClassLogits(Tensor x);
}
