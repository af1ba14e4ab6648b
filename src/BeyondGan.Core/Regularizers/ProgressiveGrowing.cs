using BeyondGan.Losses;
using BeyondGan.Modules;

using Generator = BeyondGan.Modules.Generator;
namespace BeyondGan.Regularizers;

/// <summary>
/// Gradual growing of the networks (Karras et al. 2018, §3): training starts with <see cref="InitialDepth"/> blocks;
/// every <see cref="GrowEvery"/> steps one more block is added to each <see cref="IGrowable"/> network and faded
/// in linearly over <see cref="FadeSteps"/> steps. The schedule depends only on the step, so it needs no state.
/// </summary>
public sealed class ProgressiveGrowing : GanRegularizer
{
    private IGrowable? generator, critic;

    /// <summary>Blocks active at step 0.</summary>
    public int InitialDepth { get; }
    /// <summary>Steps between two growths.</summary>
    public long GrowEvery { get; }
    /// <summary>Steps over which a new block's weight α goes from 0 to 1.</summary>
    public long FadeSteps { get; }

    /// <summary>Creates the schedule.</summary>
    public ProgressiveGrowing(int initialDepth, long growEvery, long fadeSteps)
    {
        if (initialDepth < 1) throw new ArgumentOutOfRangeException(nameof(initialDepth));
        if (growEvery < 1) throw new ArgumentOutOfRangeException(nameof(growEvery));
        if (fadeSteps < 0 || fadeSteps > growEvery) throw new ArgumentOutOfRangeException(nameof(fadeSteps), "Fade must be between 0 and the growth interval.");
        InitialDepth = initialDepth;
        GrowEvery = growEvery;
        FadeSteps = fadeSteps;
    }

    /// <inheritdoc />
    public override string Name => "progressive_growing";

    /// <inheritdoc />
    public override void Attach(Generator generator, Critic critic, IGanLoss loss)
    {
        this.generator = generator as IGrowable;
        this.critic = critic as IGrowable;
        if (this.generator is null && this.critic is null)
            throw new ArgumentException("Progressive growing needs a generator or critic that can grow (IGrowable).");
        OnStepBegin(0, 0);
    }

    /// <summary>Depth and fade weight α at <paramref name="step"/> for a network of <paramref name="maxDepth"/> blocks.</summary>
    public (int Depth, double Alpha) At(long step, int maxDepth)
    {
        long growths = step / GrowEvery;
        int depth = (int)Math.Min(maxDepth, InitialDepth + growths);
        if (depth == InitialDepth || depth == maxDepth && InitialDepth + growths > maxDepth) return (Math.Min(depth, maxDepth), 1.0);
        long since = step - growths * GrowEvery;
        double alpha = FadeSteps == 0 ? 1.0 : Math.Min(1.0, (double)since / FadeSteps);
        return (depth, alpha);
    }

    /// <inheritdoc />
    public override void OnStepBegin(long step, long totalSteps)
    {
        if (generator is not null) { var (d, a) = At(step, generator.MaxDepth); generator.SetGrowth(d, a); }
        if (critic is not null) { var (d, a) = At(step, critic.MaxDepth); critic.SetGrowth(d, a); }
    }
}
