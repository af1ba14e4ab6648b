using BeyondGan.Regularizers;

namespace BeyondGan.Losses;

/// <summary>The losses by their command-line names, with the Lipschitz constraint each Wasserstein variant needs.</summary>
public static class LossCatalog
{
    /// <summary>Accepted names.</summary>
    public static readonly IReadOnlyList<string> Names = new[] { "minimax", "ns", "wgan", "wgan-gp", "hinge", "lsgan", "ragan", "rsgan" };

    /// <summary>
    /// Creates the loss called <paramref name="name"/> and the regulariser it implies: weight clipping (c = 0.01) for
    /// <c>wgan</c>, a gradient penalty (λ = 10) for <c>wgan-gp</c>, none otherwise.
    /// </summary>
    public static (IGanLoss Loss, GanRegularizer? Constraint) Create(string name) => name.Trim().ToLowerInvariant() switch
    {
        "minimax" or "bce" => (new MinimaxLoss(), null),
        "ns" or "non-saturating" => (new NonSaturatingLoss(), null),
        "wgan" => (new WassersteinLoss(), new WeightClipping(0.01)),
        "wgan-gp" => (new WassersteinLoss(), new GradientPenalty(10.0)),
        "hinge" => (new HingeLoss(), null),
        "lsgan" or "least-squares" => (new LeastSquaresLoss(), null),
        "ragan" or "relativistic" => (new RelativisticAverageLoss(), null),
        "rsgan" => (new RelativisticStandardLoss(), null),
        _ => throw new ArgumentException($"Unknown loss '{name}': use one of {string.Join(", ", Names)}."),
    };
}
