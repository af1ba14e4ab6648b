namespace BeyondGan.Evaluation.Utility;

/// <summary>Scores of one model on a real test table. Metrics that do not apply to the task are NaN.</summary>
/// <param name="F1">Binary: F1 of the positive class.</param>
/// <param name="MacroF1">Classification: the unweighted mean of every class's F1.</param>
/// <param name="Accuracy">Classification: share of rows predicted right.</param>
/// <param name="RocAuc">Classification: area under the ROC curve (multi-class: mean of one-vs-rest AUCs).</param>
/// <param name="R2">Regression: coefficient of determination, 1 − SS_res / SS_tot.</param>
/// <param name="Mae">Regression: mean absolute error.</param>
/// <param name="BalancedAccuracy">Classification: the mean over the test table's classes of each class's recall.</param>
/// <param name="PrAuc">Classification: average precision (area under the precision–recall curve) of the positive class; multi-class: mean over classes, one-vs-rest.</param>
public sealed record PredictionScores(double F1, double MacroF1, double Accuracy, double RocAuc, double R2, double Mae,
    double BalancedAccuracy = double.NaN, double PrAuc = double.NaN)
{
    /// <summary>Scores of a model that could not be trained (for example, a synthetic table with one class).</summary>
    public static PredictionScores Failed { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>Classification scores from true and predicted class indices and per-class scores.</summary>
    /// <param name="truth">True class index per row.</param>
    /// <param name="predicted">Predicted class index per row.</param>
    /// <param name="scores">Per row, one score per class (higher = more likely); for a binary task only the positive class's score is used.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="positive">Index of the positive class for a binary task, or -1.</param>
    public static PredictionScores Classification(int[] truth, int[] predicted, float[][] scores, int classes, int positive)
    {
        var f1 = new double[classes];
        int correct = 0;
        for (int i = 0; i < truth.Length; i++) if (truth[i] == predicted[i]) correct++;
        for (int c = 0; c < classes; c++) f1[c] = Predictions.ClassF1(truth, predicted, c);
        double auc, ap;
        if (classes == 2 && positive >= 0)
        {
            var s = scores.Select(s => (double)s[positive]).ToArray();
            var isPositive = truth.Select(t => t == positive).ToArray();
            auc = AreaUnderCurve.Roc(s, isPositive);
            ap = AreaUnderCurve.AveragePrecision(s, isPositive);
        }
        else
        {
            // One-vs-rest, averaged over the classes present in the test table.
            var aucs = new List<double>();
            var aps = new List<double>();
            for (int c = 0; c < classes; c++)
            {
                var isC = truth.Select(t => t == c).ToArray();
                if (isC.All(b => b) || !isC.Any(b => b)) continue;
                var s = scores.Select(s => (double)s[c]).ToArray();
                aucs.Add(AreaUnderCurve.Roc(s, isC));
                aps.Add(AreaUnderCurve.AveragePrecision(s, isC));
            }
            auc = aucs.Count > 0 ? aucs.Average() : double.NaN;
            ap = aps.Count > 0 ? aps.Average() : double.NaN;
        }
        var inTruth = Enumerable.Range(0, classes).Where(c => truth.Contains(c)).ToList();
        double balanced = inTruth.Count == 0 ? double.NaN
            : inTruth.Average(c => (double)Enumerable.Range(0, truth.Length).Count(i => truth[i] == c && predicted[i] == c) / truth.Count(t => t == c));
        // Macro-F1 over classes that occur in the test table or in the predictions.
        var present = Enumerable.Range(0, classes).Where(c => truth.Contains(c) || predicted.Contains(c)).ToList();
        return new PredictionScores(positive >= 0 ? f1[positive] : double.NaN, present.Average(c => f1[c]),
            truth.Length == 0 ? double.NaN : (double)correct / truth.Length, auc, double.NaN, double.NaN, balanced, ap);
    }

    /// <summary>Regression scores from true and predicted values.</summary>
    public static PredictionScores Regression(double[] truth, double[] predicted)
    {
        double mean = truth.Average();
        double ssRes = 0, ssTot = 0, abs = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            double e = truth[i] - predicted[i];
            ssRes += e * e;
            ssTot += (truth[i] - mean) * (truth[i] - mean);
            abs += Math.Abs(e);
        }
        return new PredictionScores(double.NaN, double.NaN, double.NaN, double.NaN, ssTot > 0 ? 1 - ssRes / ssTot : double.NaN, abs / truth.Length);
    }
}
