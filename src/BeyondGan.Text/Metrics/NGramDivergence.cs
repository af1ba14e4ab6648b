namespace BeyondGan.Text.Metrics;

/// <summary>
/// Jensen–Shannon divergence (base 2, so in [0, 1]) between the n-gram frequency distributions of two sets of sentences:
/// 0 when generated text uses n-grams as often as real text does, 1 when they share none.
/// </summary>
public static class NGramDivergence
{
    /// <summary>JSD of the <paramref name="n"/>-gram distributions of <paramref name="real"/> and <paramref name="synthetic"/>.</summary>
    public static double Score(IReadOnlyList<IReadOnlyList<string>> real, IReadOnlyList<IReadOnlyList<string>> synthetic, int n)
    {
        var p = Frequencies(real, n);
        var q = Frequencies(synthetic, n);
        if (p.Total == 0 || q.Total == 0) return p.Total == q.Total ? 0 : 1;
        double sum = 0;
        foreach (var key in p.Counts.Keys.Union(q.Counts.Keys).Order(StringComparer.Ordinal))
        {
            double a = p.Counts.GetValueOrDefault(key) / (double)p.Total, b = q.Counts.GetValueOrDefault(key) / (double)q.Total, m = (a + b) / 2;
            if (a > 0) sum += 0.5 * a * Math.Log2(a / m);
            if (b > 0) sum += 0.5 * b * Math.Log2(b / m);
        }
        return Math.Clamp(sum, 0, 1);
    }

    private static (Dictionary<string, long> Counts, long Total) Frequencies(IReadOnlyList<IReadOnlyList<string>> sentences, int n)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach (var s in sentences)
            for (int i = 0; i + n <= s.Count; i++, total++)
            {
                var key = string.Join('\u0001', s.Skip(i).Take(n));
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        return (counts, total);
    }
}
