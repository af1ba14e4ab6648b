namespace BeyondGan.Text.Metrics;

/// <summary>Share of generated sentences that are, token for token, a sentence of the training set (memorisation).</summary>
public static class CopiedShare
{
    /// <summary>Copied share of <paramref name="samples"/> given the training sentences <paramref name="training"/>.</summary>
    public static double Score(IReadOnlyList<IReadOnlyList<string>> samples, IReadOnlyList<IReadOnlyList<string>> training)
    {
        if (samples.Count == 0) return 0;
        var seen = training.Select(s => string.Join(' ', s)).ToHashSet(StringComparer.Ordinal);
        return samples.Count(s => seen.Contains(string.Join(' ', s))) / (double)samples.Count;
    }
}
