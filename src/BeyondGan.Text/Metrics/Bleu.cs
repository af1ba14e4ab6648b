namespace BeyondGan.Text.Metrics;

/// <summary>
/// BLEU-n of generated sentences against a reference set, as the text-GAN benchmarks compute it (REFERENCES §4): NLTK's
/// <c>sentence_bleu</c> with every reference sentence as a reference, weights 1/n, smoothing method 1 (a zero match
/// count of an order becomes 0.1), modified precision clipped by an n-gram's largest count in any one reference, the
/// brevity penalty against the closest reference length (the shorter on a tie), averaged over the hypotheses.
/// Exact to NLTK's arithmetic, and fast: the references are indexed once (<see cref="NGramIndex"/>) so each hypothesis
/// costs O(its length) instead of a pass over every reference. Written here because no .NET library computes it.
/// </summary>
public sealed class Bleu
{
    private readonly NGramIndex index;

    /// <summary>Indexes <paramref name="references"/> (tokenized) for BLEU up to <paramref name="maxOrder"/> (at most 5).</summary>
    public Bleu(IReadOnlyList<IReadOnlyList<string>> references, int maxOrder = 5)
    {
        if (references.Count == 0) throw new ArgumentException("BLEU needs at least one reference sentence.");
        index = NGramIndex.Build(references, maxOrder);
    }

    internal Bleu(NGramIndex index) => this.index = index;

    /// <summary>Highest order scored.</summary>
    public int MaxOrder => index.MaxOrder;

    /// <summary>BLEU-1 … BLEU-<see cref="MaxOrder"/> of one tokenized hypothesis (index 0 is BLEU-1).</summary>
    public double[] Sentence(IReadOnlyList<string> hypothesis) => Score(index, index.Encode(hypothesis), leaveOut: -1);

    /// <summary>The mean BLEU-1 … BLEU-<see cref="MaxOrder"/> of <paramref name="hypotheses"/> (scored in parallel, summed in order).</summary>
    public BleuScores Corpus(IReadOnlyList<IReadOnlyList<string>> hypotheses)
    {
        var scores = new double[hypotheses.Count][];
        Parallel.For(0, hypotheses.Count, i => scores[i] = Sentence(hypotheses[i]));
        return BleuScores.Mean(scores, index.MaxOrder);
    }

    /// <summary>
    /// BLEU-1 … BLEU-N of token ids <paramref name="ids"/>; with <paramref name="leaveOut"/> ≥ 0 the hypothesis is that
    /// reference itself, scored against all the others (Self-BLEU): an n-gram's clipping count is then the largest
    /// among the other references, known from the largest, the second largest and how many reach the largest.
    /// </summary>
    internal static double[] Score(NGramIndex index, int[] ids, int leaveOut)
    {
        int orders = index.MaxOrder, length = ids.Length;
        var hypothesisCounts = new Dictionary<UInt128, int>();
        NGramIndex.ForEachNGram(ids, orders, key => hypothesisCounts[key] = hypothesisCounts.GetValueOrDefault(key) + 1);
        var matches = new long[orders + 1];
        foreach (var (key, count) in hypothesisCounts)
        {
            var s = index[key];
            int max = leaveOut >= 0 && count == s.Max && s.ReachingMax == 1 ? s.SecondMax : s.Max;
            matches[NGramIndex.OrderOf(key)] += Math.Min(count, max);
        }
        var result = new double[orders];
        if (matches[1] == 0) return result;   // NLTK: no unigram match → 0 at every order
        int reference = index.ClosestLength(length, leaveOut);
        double brevity = length > reference ? 1 : Math.Exp(1 - (double)reference / length);
        var logPrecision = new double[orders + 1];
        for (int n = 1; n <= orders; n++)
        {
            long total = Math.Max(1, length - n + 1);
            logPrecision[n] = Math.Log(matches[n] == 0 ? 0.1 / total : (double)matches[n] / total);
        }
        for (int m = 1; m <= orders; m++)
        {
            double weight = 1.0 / m, sum = 0;
            for (int n = 1; n <= m; n++) sum += weight * logPrecision[n];
            result[m - 1] = brevity * Math.Exp(sum);
        }
        return result;
    }
}
