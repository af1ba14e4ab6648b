using static TorchSharp.torch;

namespace BeyondGan.Regularizers;

/// <summary>
/// Instance noise (Sønderby et al. 2017, §5; Arjovsky &amp; Bottou 2017): Gaussian noise of standard deviation σ_t is
/// added to every critic input, real and fake, with σ_t annealed linearly from σ₀ to 0 over the first
/// <see cref="AnnealSteps"/> steps, so the two distributions overlap early and the critic cannot be perfect.
/// </summary>
public sealed class InstanceNoise : GanRegularizer
{
    /// <summary>Initial noise standard deviation σ₀.</summary>
    public double InitialStd { get; }
    /// <summary>Steps over which σ decays to zero (0 = constant noise).</summary>
    public long AnnealSteps { get; }
    /// <summary>Current σ_t.</summary>
    public double CurrentStd { get; private set; }

    /// <summary>Creates instance noise starting at <paramref name="initialStd"/>, annealed over <paramref name="annealSteps"/>.</summary>
    public InstanceNoise(double initialStd = 0.1, long annealSteps = 0)
    {
        InitialStd = initialStd;
        AnnealSteps = annealSteps;
        CurrentStd = initialStd;
    }

    /// <inheritdoc />
    public override string Name => "instance_noise";

    /// <inheritdoc />
    public override void OnStepBegin(long step, long totalSteps) =>
        CurrentStd = AnnealSteps <= 0 ? InitialStd : InitialStd * Math.Max(0.0, 1.0 - (double)step / AnnealSteps);

    /// <inheritdoc />
    public override Tensor TransformCriticInput(Tensor x, TorchSharp.torch.Generator rng) =>
        CurrentStd <= 0 ? x : x + CurrentStd * randn(x.shape, generator: rng).to(x.device);
}
