using BeyondGan.Modules;

namespace BeyondGan.Toy;

/// <summary>Named configurations of the 2-D benchmark.</summary>
public static class ToyPresets
{
    /// <summary>
    /// PacGAN's setup (Lin et al. 2018, Appendix): 2-d noise, G 4×400 (BatchNorm, ReLU), D 3 maxout layers of 200
    /// units, Adam lr 1e-4 β1 0.8, minibatches of 100 critic inputs (100·m samples: each input is a pack of m), with
    /// pack size <paramref name="pac"/> = m (1 = the paper's "GAN" row).
    /// The paper trains 400 epochs over 100k samples (400k steps); the preset runs fewer steps (see docs/BENCHMARKS.md).
    /// </summary>
    public static ToyConfig PacGan(int pac) => new() { Pac = pac, BatchSize = 100 * pac };

    /// <summary>
    /// WGAN-GP in the VEEGAN/GDPP setup (the source of the published WGAN-GP row): 256-d noise, G and D 2×128 tanh,
    /// lr G 1e-3 / D 1e-4, β1 0.5, batch 512, 5 critic steps per generator step.
    /// </summary>
    public static ToyConfig WganGp() => new()
    {
        Loss = "wgan-gp", LatentSize = 256, GeneratorHidden = new[] { 128, 128 }, GeneratorActivation = Activation.Tanh,
        BatchNorm = false, CriticHidden = new[] { 128, 128 }, CriticActivation = Activation.Tanh,
        LearningRateG = 1e-3, LearningRateD = 1e-4, Beta1 = 0.5, Beta2 = 0.9, BatchSize = 512, CriticSteps = 5, Steps = 5_000,
    };

    /// <summary>
    /// Our strongest configuration (see docs/BENCHMARKS.md for the sweep): non-saturating loss, G 4×256 ReLU without
    /// BatchNorm, critic 3×256 LeakyReLU with the minibatch standard-deviation feature, Adam 2e-4 β (0.5, 0.999),
    /// batch 256, EMA of the generator's weights (0.999), progressive growing of both networks (one hidden block every
    /// 2,500 steps, full depth at half the run), 2 critic steps per generator step, 20,000 generator steps.
    /// </summary>
    public static ToyConfig Best() => new()
    {
        Loss = "ns", Pac = 1, LatentSize = 2, GeneratorHidden = new[] { 256, 256, 256, 256 }, BatchNorm = false,
        CriticHidden = new[] { 256, 256, 256 }, CriticActivation = Activation.LeakyReLU, MinibatchStdDev = true,
        LearningRateG = 2e-4, LearningRateD = 2e-4, Beta1 = 0.5, Beta2 = 0.999, BatchSize = 256, Steps = 20_000, Ema = 0.999,
        Grow = true, CriticSteps = 2,
    };

    /// <summary>
    /// <see cref="Best"/>'s networks at full depth from the start (no growing), one critic step per generator step, 5,000 steps: the default of
    /// <c>beyondgan toy</c>, under a minute on 2 cores. On the grid it keeps 24–25 of the 25 modes but only ≈ 74 %
    /// high-quality samples against ≈ 98 % for <see cref="Best"/> (docs/BENCHMARKS.md §1).
    /// </summary>
    public static ToyConfig Quick() => Best() with { Steps = 5_000, Grow = false, CriticSteps = 1 };

    /// <summary>Preset names.</summary>
    public static readonly IReadOnlyList<string> Names = new[] { "quick", "best", "gan", "pacgan2", "pacgan3", "pacgan4", "wgan-gp" };

    /// <summary>The preset called <paramref name="name"/>.</summary>
    public static ToyConfig ByName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "quick" or "default" => Quick(),
        "best" => Best(),
        "gan" or "pacgan1" => PacGan(1),
        "pacgan2" => PacGan(2),
        "pacgan3" => PacGan(3),
        "pacgan4" => PacGan(4),
        "wgan-gp" => WganGp(),
        _ => throw new ArgumentException($"Unknown preset '{name}': use one of {string.Join(", ", Names)}."),
    };
}
