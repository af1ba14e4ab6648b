using BeyondGan.Evaluation.Utility;
using BeyondGan.Tabular.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace BeyondGan.Evaluation.Detection;

/// <summary>
/// Detection: how well a classifier tells real rows from synthetic ones, as its cross-validated ROC-AUC. 0.5 means
/// indistinguishable (ideal); 1.0 means every synthetic row gives itself away. The classifier is LightGbm (stronger
/// than the logistic regression of SDMetrics' LogisticDetection), trained with k-fold cross-validation on equally many
/// real and synthetic rows; identical rows share a fold.
/// </summary>
/// <param name="Auc">Mean ROC-AUC over the folds.</param>
/// <param name="FoldAucs">ROC-AUC of each fold.</param>
/// <param name="RowsPerTable">Rows taken from each table.</param>
public sealed record DetectionReport(double Auc, IReadOnlyList<double> FoldAucs, int RowsPerTable)
{
    /// <summary>SDMetrics' detection score: 1 − (2·max(AUC, 0.5) − 1); 1 = indistinguishable, 0 = always detected.</summary>
    public double Score => 1 - (2 * Math.Max(Auc, 0.5) - 1);

    /// <summary>Cross-validates a real-vs-synthetic classifier.</summary>
    /// <param name="real">Real rows.</param>
    /// <param name="synthetic">Synthetic rows.</param>
    /// <param name="schema">Column types; identifier and ignored columns are left out.</param>
    /// <param name="folds">Number of folds (at least 2).</param>
    /// <param name="maxRows">At most this many rows from each table (seeded subsample).</param>
    /// <param name="seed">Seed of the subsample, the folds and the classifier.</param>
    public static DetectionReport Compute(RawTable real, RawTable synthetic, TableSchema schema, int folds = 5, int maxRows = 20_000, int seed = 0)
    {
        if (folds < 2) throw new ArgumentException($"Detection needs at least 2 folds (got {folds}).");
        int n = Math.Min(Math.Min(real.RowCount, synthetic.RowCount), maxRows);
        if (n < folds) throw new ArgumentException($"Detection needs at least {folds} rows in each table (got {n}).");
        var comparable = new TableSchema(schema.Columns.Where(c => synthetic.IndexOf(c.Name) >= 0).ToList());
        var features = new FeatureRows(comparable, target: null);
        var realRows = features.Rows(RowSample.AtMost(real, n, seed));
        var synRows = features.Rows(RowSample.AtMost(synthetic, n, seed + 1));
        foreach (var r in realRows) r.IsPositive = true;
        var rows = realRows.Concat(synRows).ToArray();
        // Folds by row content: identical rows (a real row and its synthetic copy) always share a fold, so a copy in
        // the training folds cannot vote on its twin in the test fold. Groups are shuffled, then dealt round-robin.
        var groups = new Dictionary<string, int>();
        var group = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            string key = string.Join('\u001f', rows[i].Numeric.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + '\u001e' + string.Join('\u001f', rows[i].Categorical);
            if (!groups.TryGetValue(key, out group[i])) groups[key] = group[i] = groups.Count;
        }
        var order = Enumerable.Range(0, groups.Count).ToArray();
        new Random(seed).Shuffle(order);
        var foldOfGroup = new int[order.Length];
        for (int i = 0; i < order.Length; i++) foldOfGroup[order[i]] = i % folds;
        var fold = group.Select(g => foldOfGroup[g]).ToArray();
        var aucs = new double[folds];
        Parallel.For(0, folds, k =>
        {
            var ml = new MLContext(seed + k);
            var definition = features.Definition();
            var train = rows.Where((_, i) => fold[i] != k).ToArray();
            var test = rows.Where((_, i) => fold[i] == k).ToArray();
            var model = RealDataClassifier.Fit(ml, ml.Data.LoadFromEnumerable(train, definition), seed + k);
            if (model is null) { aucs[k] = 0.5; return; } // nothing separates the two: chance
            var scores = model.Transform(ml.Data.LoadFromEnumerable(test, definition)).GetColumn<float>("Score").Select(s => (double)s).ToArray();
            aucs[k] = AreaUnderCurve.Roc(scores, test.Select(r => r.IsPositive).ToArray());
        });
        return new DetectionReport(aucs.Average(), aucs, n);
    }
}
