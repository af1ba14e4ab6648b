namespace BeyondGan.Evaluation.Utility;

/// <summary>Area under the ROC curve by the Mann–Whitney statistic: the chance a random positive outscores a random negative (ties count ½).</summary>
public static class AreaUnderCurve
{
    /// <summary>AUC of <paramref name="scores"/> for <paramref name="labels"/>; NaN when either class is absent.</summary>
    public static double Roc(double[] scores, bool[] labels)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        long positives = labels.LongCount(l => l), negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        double rankSum = 0;
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
            double midRank = (i + j) / 2.0 + 1; // ties share their average rank
            for (int k = i; k <= j; k++) if (labels[order[k]]) rankSum += midRank;
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision: Σ_n (R_n − R_{n−1}) · P_n over the distinct score thresholds from high to low (scikit-learn's
    /// definition, no interpolation); NaN without positives.
    /// </summary>
    public static double AveragePrecision(double[] scores, bool[] labels)
    {
        long positives = labels.LongCount(l => l);
        if (positives == 0) return double.NaN;
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        double ap = 0, previousRecall = 0;
        long tp = 0, seen = 0;
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
            for (int k = i; k <= j; k++) { seen++; if (labels[order[k]]) tp++; }
            double recall = (double)tp / positives, precision = (double)tp / seen;
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
            i = j + 1;
        }
        return ap;
    }
}
