using BeyondGan.Losses;
using BeyondGan.Modules;

using Generator = BeyondGan.Modules.Generator;
namespace BeyondGan.Regularizers;

/// <summary>
/// One-sided label smoothing (Salimans et al. 2016, §3.4): the critic's target for real samples becomes
/// α &lt; 1 (0.9 by default) while fakes keep target 0. Applies to losses with a probabilistic critic.
/// </summary>
public sealed class OneSidedLabelSmoothing : GanRegularizer
{
    /// <summary>Target for real samples.</summary>
    public double RealTarget { get; }

    /// <summary>Creates the smoothing with real target <paramref name="realTarget"/>.</summary>
    public OneSidedLabelSmoothing(double realTarget = 0.9)
    {
        if (realTarget is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(realTarget), "Real target must be in (0, 1].");
        RealTarget = realTarget;
    }

    /// <inheritdoc />
    public override string Name => "label_smoothing";

    /// <inheritdoc />
    public override void Attach(Generator generator, Critic critic, IGanLoss loss)
    {
        if (loss is not ISmoothableLoss smoothable)
            throw new ArgumentException($"One-sided label smoothing needs a probabilistic loss (minimax, ns, ragan), not '{loss.Name}'.");
        smoothable.RealTarget = RealTarget;
    }
}
