namespace BeyondGan.Text.Metrics;

/// <summary>Mean BLEU (or Self-BLEU) of each order over <see cref="Count"/> sentences.</summary>
/// <param name="ByOrder">Index n − 1 holds BLEU-n.</param>
/// <param name="Count">Sentences scored.</param>
public sealed record BleuScores(IReadOnlyList<double> ByOrder, int Count)
{
    /// <summary>BLEU-<paramref name="n"/>.</summary>
    public double this[int n] => ByOrder[n - 1];

    /// <summary>Means of per-sentence scores, summed in sentence order (the same result on any number of threads).</summary>
    internal static BleuScores Mean(double[][] scores, int orders)
    {
        var sums = new double[orders];
        foreach (var s in scores) for (int n = 0; n < orders; n++) sums[n] += s[n];
        return new BleuScores(sums.Select(s => scores.Length == 0 ? double.NaN : s / scores.Length).ToArray(), scores.Length);
    }
}
