namespace BeyondGan.Evaluation.Fidelity;

/// <summary>SDMetrics TVComplement: 1 − ½ Σ_c |p_real(c) − p_syn(c)| over the categories (1 = same frequencies).</summary>
public static class TvComplement
{
    /// <summary>Scores <paramref name="synthetic"/> labels against <paramref name="real"/> labels.</summary>
    public static double Score(IReadOnlyCollection<string> real, IReadOnlyCollection<string> synthetic) =>
        1.0 - TotalVariation(Frequencies(real), Frequencies(synthetic));

    /// <summary>½ Σ |p − q| over the union of keys.</summary>
    public static double TotalVariation<TKey>(IReadOnlyDictionary<TKey, double> p, IReadOnlyDictionary<TKey, double> q) where TKey : notnull
    {
        double sum = 0;
        foreach (var key in p.Keys.Union(q.Keys)) sum += Math.Abs(p.GetValueOrDefault(key) - q.GetValueOrDefault(key));
        return 0.5 * sum;
    }

    /// <summary>Relative frequency of each value.</summary>
    public static Dictionary<TKey, double> Frequencies<TKey>(IEnumerable<TKey> values) where TKey : notnull
    {
        var counts = new Dictionary<TKey, double>();
        long n = 0;
        foreach (var v in values) { counts[v] = counts.GetValueOrDefault(v) + 1; n++; }
        foreach (var k in counts.Keys.ToList()) counts[k] /= n;
        return counts;
    }
}
