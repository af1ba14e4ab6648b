using BeyondGan.Evaluation.Utility;
using BeyondGan.Tabular.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace BeyondGan.Evaluation.Detection;

/// <summary>
/// How real each candidate row looks to a classifier trained to tell real rows from candidates: LightGbm (the
/// detection settings) with k-fold cross-fitting, so every candidate is scored by a model that never saw it.
/// Used to filter synthetic rows: keep the ones that pass best for real.
/// </summary>
public static class RealismScorer
{
    /// <summary>Per candidate row, the classifier's score for "real" (higher = more real-looking; a log-odds scale).</summary>
    /// <param name="real">Real rows.</param>
    /// <param name="candidates">Synthetic candidate rows to score.</param>
    /// <param name="schema">Column types; identifier and ignored columns are left out.</param>
    /// <param name="folds">Cross-fitting folds (at least 2).</param>
    /// <param name="seed">Seed of the folds and the classifier.</param>
    public static double[] Score(RawTable real, RawTable candidates, TableSchema schema, int folds = 3, int seed = 0)
    {
        if (folds < 2) throw new ArgumentException($"Realism scoring needs at least 2 folds (got {folds}).");
        var features = new FeatureRows(new TableSchema(schema.Columns.Where(c => candidates.IndexOf(c.Name) >= 0).ToList()), target: null);
        var realRows = features.Rows(real);
        foreach (var r in realRows) r.IsPositive = true;
        var candidateRows = features.Rows(candidates);
        var fold = new int[candidateRows.Length];
        var order = Enumerable.Range(0, fold.Length).ToArray();
        new Random(seed).Shuffle(order);
        for (int i = 0; i < order.Length; i++) fold[order[i]] = i % folds;
        var scores = new double[candidateRows.Length];
        Parallel.For(0, folds, k =>
        {
            var test = Enumerable.Range(0, fold.Length).Where(i => fold[i] == k).ToArray();
            if (test.Length == 0) return;
            var ml = new MLContext(seed + k);
            var definition = features.Definition();
            var train = realRows.Concat(candidateRows.Where((_, i) => fold[i] != k)).ToArray();
            var model = RealDataClassifier.Fit(ml, ml.Data.LoadFromEnumerable(train, definition), seed + k);
            if (model is null) return; // nothing separates real from candidates: every candidate looks equally real
            var s = model.Transform(ml.Data.LoadFromEnumerable(test.Select(i => candidateRows[i]), definition)).GetColumn<float>("Score").ToArray();
            for (int j = 0; j < test.Length; j++) scores[test[j]] = s[j];
        });
        return scores;
    }
}
