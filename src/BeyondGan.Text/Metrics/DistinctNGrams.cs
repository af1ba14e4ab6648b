namespace BeyondGan.Text.Metrics;

/// <summary>Distinct-n (Li et al. 2016, §4.1): distinct n-grams over all n-grams of a set of sentences; higher is more diverse.</summary>
public static class DistinctNGrams
{
    /// <summary>Distinct-<paramref name="n"/> of <paramref name="sentences"/> (0 when they have no n-gram).</summary>
    public static double Score(IReadOnlyList<IReadOnlyList<string>> sentences, int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var s in sentences)
            for (int i = 0; i + n <= s.Count; i++, total++) seen.Add(string.Join('\u0001', s.Skip(i).Take(n)));
        return total == 0 ? 0 : (double)seen.Count / total;
    }
}
