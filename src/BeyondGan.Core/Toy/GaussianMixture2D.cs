using BeyondGan.Training;
using static TorchSharp.torch;

namespace BeyondGan.Toy;

/// <summary>
/// The 2-D mixtures of the mode-collapse benchmark (PacGAN, Lin et al. 2018, §5.1): a ring of 8 Gaussians at angle
/// 2πk/8, radius 1, std 0.01, and a grid of 25 Gaussians at {−4, −2, 0, 2, 4}², std 0.05; modes equally likely.
/// Batches are drawn fresh from the mixture.
/// </summary>
public sealed class GaussianMixture2D : IBatchSource
{
    private readonly Tensor means;

    /// <summary>Dataset name: <c>ring</c> or <c>grid</c>.</summary>
    public string Name { get; }
    /// <summary>Mode centres, K × 2.</summary>
    public double[,] Modes { get; }
    /// <summary>Standard deviation of each component.</summary>
    public double Std { get; }
    /// <summary>Number of modes K.</summary>
    public int ModeCount => Modes.GetLength(0);

    private GaussianMixture2D(string name, double[,] modes, double std)
    {
        Name = name;
        Modes = modes;
        Std = std;
        var flat = new float[modes.Length];
        for (int k = 0; k < modes.GetLength(0); k++) { flat[2 * k] = (float)modes[k, 0]; flat[2 * k + 1] = (float)modes[k, 1]; }
        means = tensor(flat, new long[] { modes.GetLength(0), 2 }).DetachFromDisposeScope();
    }

    /// <summary>Ring of 8: centres (cos 2πk/8, sin 2πk/8), k = 0..7 (not linspace(0, 2π, 8), which repeats a mode), std 0.01.</summary>
    public static GaussianMixture2D Ring()
    {
        var m = new double[8, 2];
        for (int k = 0; k < 8; k++) { m[k, 0] = Math.Cos(2 * Math.PI * k / 8); m[k, 1] = Math.Sin(2 * Math.PI * k / 8); }
        return new GaussianMixture2D("ring", m, 0.01);
    }

    /// <summary>Grid of 25: centres {−4, −2, 0, 2, 4}², std 0.05.</summary>
    public static GaussianMixture2D Grid()
    {
        var m = new double[25, 2];
        int k = 0;
        for (int i = -2; i <= 2; i++)
            for (int j = -2; j <= 2; j++) { m[k, 0] = 2 * i; m[k, 1] = 2 * j; k++; }
        return new GaussianMixture2D("grid", m, 0.05);
    }

    /// <summary>
    /// The same mixture with every coordinate multiplied by <paramref name="factor"/> (centres and std), named
    /// "name*factor". The benchmark's metrics are measured in units of std, so they read the same at any scale; a
    /// network's training does not (a critic with a bounded slope, for one).
    /// </summary>
    public GaussianMixture2D Scaled(double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor)) throw new ArgumentException($"The scale must be positive, got {factor}.", nameof(factor));
        var m = (double[,])Modes.Clone();
        for (int k = 0; k < ModeCount; k++) { m[k, 0] *= factor; m[k, 1] *= factor; }
        return new GaussianMixture2D(FormattableString.Invariant($"{Name}*{factor}"), m, Std * factor);
    }

    /// <summary>The mixture called <paramref name="name"/> (<c>ring</c> or <c>grid</c>).</summary>
    public static GaussianMixture2D ByName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "ring" => Ring(),
        "grid" => Grid(),
        _ => throw new ArgumentException($"Unknown dataset '{name}': use ring or grid."),
    };

    /// <inheritdoc />
    public Batch Next(int batchSize, TorchSharp.torch.Generator rng, Device device)
    {
        var which = randint(0, ModeCount, new long[] { batchSize }, generator: rng);
        var x = means.index_select(0, which) + Std * randn(new long[] { batchSize, 2 }, generator: rng);
        return new Batch(x.to(device));
    }
}
