using BeyondGan.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// HiFi-GAN's critics (Kong et al. 2020, §2.2): the multi-period discriminator (periods 2, 3, 5, 7, 11) and the multi-scale
/// one (3 scales) as one ensemble. Its forward concatenates every sub-critic's scores; <see cref="ScoreParts"/> splits them
/// again so the trainer applies the adversarial loss to each and sums (Eq. 5–6). Unconditional: the mel is not read.
/// </summary>
public sealed class HiFiGanCritic : Critic, IFeatureCritic
{
    private readonly ModuleList<PeriodCritic> periods = new();
    private readonly ModuleList<ScaleCritic> scales = new();
    private long[] partSizes = [];

    /// <summary>The ensemble; <paramref name="width"/> sets the sub-critics' first hidden width (the paper's 32 for periods, 16 for scales, here both).</summary>
    public HiFiGanCritic(int width) : base(nameof(HiFiGanCritic))
    {
        foreach (int p in new[] { 2, 3, 5, 7, 11 }) periods.Add(new PeriodCritic(p, [width, 2 * width, 4 * width, 8 * width, 8 * width]));
        for (int s = 0; s < 3; s++) scales.Add(new ScaleCritic(s, [width, 2 * width, 4 * width, 8 * width, 8 * width]));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override bool ScoresPacksIndependently => true;

    /// <inheritdoc />
    public override Tensor forward(Tensor x, Tensor? condition) => ScoreWithFeatures(x, condition).Scores;

    /// <inheritdoc />
    public (Tensor Scores, IReadOnlyList<Tensor> Features) ScoreWithFeatures(Tensor x, Tensor? condition)
    {
        var scores = new List<Tensor>();
        var features = new List<Tensor>();
        foreach (var p in periods) { var (s, f) = p.call(x); scores.Add(s); features.AddRange(f); }
        foreach (var c in scales) { var (s, f) = c.call(x); scores.Add(s); features.AddRange(f); }
        partSizes = scores.Select(s => s.shape[1]).ToArray();
        return (cat(scores, 1), features);
    }

    /// <inheritdoc />
    public override IReadOnlyList<Tensor> ScoreParts(Tensor scores)
    {
        if (partSizes.Sum() != scores.shape[1]) throw new InvalidOperationException($"scores of {scores.shape[1]} columns do not match the last forward's {partSizes.Sum()}.");
        return scores.split(partSizes, 1);
    }
}
