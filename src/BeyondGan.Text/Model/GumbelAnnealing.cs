using BeyondGan.Regularizers;

namespace BeyondGan.Text.Model;

/// <summary>
/// RelGAN's exponential temperature schedule (Nie et al. 2019, §2.3): the inverse temperature of the generator's
/// relaxed one-hots at step n of N is β_n = β_max^{n/N}, from 1 (smooth, high-variance-free gradients) to β_max
/// (nearly one-hot: what the critic sees approaches real sentences).
/// </summary>
public sealed class GumbelAnnealing(TextGenerator generator, double betaMax) : GanRegularizer
{
    /// <inheritdoc />
    public override string Name => "beta";

    /// <inheritdoc />
    public override void OnStepBegin(long step, long totalSteps) =>
        generator.InverseTemperature = Math.Pow(betaMax, totalSteps <= 0 ? 1 : (double)step / totalSteps);
}
