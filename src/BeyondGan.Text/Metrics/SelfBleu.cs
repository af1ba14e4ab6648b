namespace BeyondGan.Text.Metrics;

/// <summary>
/// Self-BLEU (Zhu et al. 2018, Texygen): each generated sentence scored by <see cref="Bleu"/> against all the other
/// generated sentences — exact leave-one-out, where published implementations count the sentence among its own
/// references or score against a stale sample (REFERENCES §4). Higher means less diverse. It grows with the number of
/// sentences, so the result carries <see cref="BleuScores.Count"/>.
/// </summary>
public static class SelfBleu
{
    /// <summary>Mean Self-BLEU-1 … Self-BLEU-<paramref name="maxOrder"/> of <paramref name="samples"/> (tokenized; at least 2).</summary>
    public static BleuScores Score(IReadOnlyList<IReadOnlyList<string>> samples, int maxOrder = 5)
    {
        if (samples.Count < 2) throw new ArgumentException($"Self-BLEU needs at least 2 sentences, got {samples.Count}.");
        var index = NGramIndex.Build(samples, maxOrder);
        var scores = new double[samples.Count][];
        Parallel.For(0, samples.Count, i => scores[i] = Bleu.Score(index, index.References[i], leaveOut: i));
        return BleuScores.Mean(scores, maxOrder);
    }
}
