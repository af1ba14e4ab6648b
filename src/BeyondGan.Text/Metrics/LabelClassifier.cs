namespace BeyondGan.Text.Metrics;

/// <summary>
/// A multinomial naive Bayes classifier of sentences on their unigrams and bigrams (Laplace smoothing; Manning et al.
/// 2008, §13.2), trained on real labelled text, to check that generated sentences carry the label they were generated
/// for. Small and exact; written here because the check needs no more.
/// </summary>
public sealed class LabelClassifier
{
    private readonly string[] labels;
    private readonly double[] logPriors;
    private readonly Dictionary<string, double>[] logLikelihoods;
    private readonly double[] unseen;

    private LabelClassifier(string[] labels, double[] logPriors, Dictionary<string, double>[] logLikelihoods, double[] unseen)
    {
        this.labels = labels;
        this.logPriors = logPriors;
        this.logLikelihoods = logLikelihoods;
        this.unseen = unseen;
    }

    /// <summary>Trains on tokenized <paramref name="sentences"/> and their <paramref name="sentenceLabels"/>.</summary>
    public static LabelClassifier Train(IReadOnlyList<IReadOnlyList<string>> sentences, IReadOnlyList<string> sentenceLabels)
    {
        var labels = sentenceLabels.Distinct().Order(StringComparer.Ordinal).ToArray();
        if (labels.Length < 2) throw new ArgumentException("a label classifier needs at least two labels.");
        var counts = labels.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var totals = new long[labels.Length];
        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < sentences.Count; i++)
        {
            int k = Array.IndexOf(labels, sentenceLabels[i]);
            foreach (var f in Features(sentences[i])) { counts[k][f] = counts[k].GetValueOrDefault(f) + 1; totals[k]++; vocabulary.Add(f); }
        }
        int v = vocabulary.Count;
        var priors = labels.Select(l => Math.Log(sentenceLabels.Count(x => x == l) / (double)sentenceLabels.Count)).ToArray();
        var likelihoods = counts.Select((c, k) => c.ToDictionary(p => p.Key, p => Math.Log((p.Value + 1.0) / (totals[k] + v)), StringComparer.Ordinal)).ToArray();
        var unseen = totals.Select(t => Math.Log(1.0 / (t + v))).ToArray();
        return new LabelClassifier(labels, priors, likelihoods, unseen);
    }

    /// <summary>The most probable label of a tokenized sentence.</summary>
    public string Predict(IReadOnlyList<string> sentence)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity;
        var features = Features(sentence).ToList();
        for (int k = 0; k < labels.Length; k++)
        {
            double score = logPriors[k];
            foreach (var f in features) score += logLikelihoods[k].TryGetValue(f, out double l) ? l : unseen[k];
            if (score > bestScore) { bestScore = score; best = k; }
        }
        return labels[best];
    }

    /// <summary>Share of <paramref name="sentences"/> predicted as their <paramref name="expected"/> label.</summary>
    public double Accuracy(IReadOnlyList<IReadOnlyList<string>> sentences, IReadOnlyList<string> expected) =>
        sentences.Count == 0 ? double.NaN : Enumerable.Range(0, sentences.Count).AsParallel().Count(i => Predict(sentences[i]) == expected[i]) / (double)sentences.Count;

    private static IEnumerable<string> Features(IReadOnlyList<string> s)
    {
        for (int i = 0; i < s.Count; i++)
        {
            yield return s[i];
            if (i + 1 < s.Count) yield return s[i] + "\u0001" + s[i + 1];
        }
    }
}
