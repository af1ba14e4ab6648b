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
}
