using BeyondGan.Losses;
using BeyondGan.Modules;
using static TorchSharp.torch;

using Generator = BeyondGan.Modules.Generator;
namespace BeyondGan.Regularizers;

/// <summary>
/// The auxiliary classifier of AC-GAN (Odena et al. 2017, Eq. 2–3), in the form WGAN-GP trains it (Gulrajani et al. 2017's
/// conditional CIFAR-10 model): the critic's head learns the class of real samples, L_C = E[−log p(c | x_real)], added to the
/// critic's loss with weight <see cref="CriticWeight"/>; the generator is pushed to make its samples classifiable as the class
/// it was asked for, E[−log p(c | G(z, c))], with weight <see cref="GeneratorWeight"/>. The condition is the one-hot class.
/// </summary>
public sealed class AuxiliaryClassifier : GanRegularizer
{
    private IClassifyingCritic? head;

    /// <summary>Weight of the critic's class loss on real samples (Gulrajani et al.: 1).</summary>
    public double CriticWeight { get; }

    /// <summary>Weight of the generator's class loss on its samples (Gulrajani et al.: 0.1).</summary>
    public double GeneratorWeight { get; }

    /// <summary>Creates the regulariser with the two weights (both at least 0, one positive).</summary>
    public AuxiliaryClassifier(double criticWeight = 1, double generatorWeight = 0.1)
    {
        if (criticWeight < 0 || generatorWeight < 0 || criticWeight + generatorWeight == 0)
            throw new ArgumentException($"The auxiliary classifier's weights must be 0 or more and not both 0, got {criticWeight} and {generatorWeight}.");
        (CriticWeight, GeneratorWeight) = (criticWeight, generatorWeight);
    }

    /// <inheritdoc />
    public override string Name => "auxiliary_classifier";

    /// <inheritdoc />
    public override void Attach(Generator generator, Critic critic, IGanLoss loss)
    {
        if (critic is not IClassifyingCritic { Classes: > 0 } h)
            throw new ArgumentException($"The auxiliary classifier needs a critic with a class head; {critic.GetType().Name} has none.");
        if (critic.PackSize != 1) throw new ArgumentException("The auxiliary classifier classifies single samples; it cannot be used with packing.");
        head = h;
    }

    /// <inheritdoc />
    public override Tensor? CriticPenalty(CriticPenaltyInputs inputs) =>
        CriticWeight == 0 ? null : CriticWeight * CrossEntropy(inputs.Real.detach(), inputs.RealCondition);

    /// <inheritdoc />
    public override Tensor? GeneratorPenalty(GeneratorPenaltyInputs inputs) =>
        GeneratorWeight == 0 ? null : GeneratorWeight * CrossEntropy(inputs.Fake, inputs.Condition);

    private Tensor CrossEntropy(Tensor x, Tensor? condition)
    {
        var h = head ?? throw new InvalidOperationException("The auxiliary classifier is not attached to a critic.");
        if (condition is null) throw new ArgumentException("The auxiliary classifier needs labelled (conditional) batches.");
        if (condition.dim() != 2 || condition.shape[1] != h.Classes)
            throw new ArgumentException($"The auxiliary classifier needs one-hot conditions of {h.Classes} classes, got shape [{string.Join(", ", condition.shape)}].");
        return nn.functional.cross_entropy(h.ClassLogits(x), condition.argmax(1));
    }
}
