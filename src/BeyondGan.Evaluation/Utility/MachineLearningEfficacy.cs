using BeyondGan.Tabular.Data;
using BeyondGan.Evaluation.Fidelity;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace BeyondGan.Evaluation.Utility;

/// <summary>
/// Machine-learning efficacy (Xu et al. 2019, §5.2): train a classifier on one table and score it on a real test
/// table. Train on synthetic, test on real (TSTR) against train on real, test on real (TRTR) shows how much of the
/// real data's predictive value the synthetic data keeps. Classifier: ML.NET LightGbm with fixed hyper-parameters
/// (100 trees, 31 leaves, learning rate 0.1, one thread, seeded), numeric columns as numbers (missing = NaN),
/// categorical columns one-hot.
/// </summary>
public static class MachineLearningEfficacy
{
    private sealed class Row
    {
        public float[] Numeric { get; set; } = [];
        public string[] Categorical { get; set; } = [];
        public bool Label { get; set; }
    }

    /// <summary>Trains on <paramref name="train"/> and scores on <paramref name="test"/> for <paramref name="target"/> == <paramref name="positive"/>.</summary>
    public static BinaryClassificationScores Binary(RawTable train, RawTable test, TableSchema schema, string target, string positive, int seed = 0)
    {
        var features = schema.Columns.Where(c => c.Name != target && (c.IsNumeric || c.IsDiscrete)).ToList();
        var numeric = features.Where(c => c.IsNumeric).ToList();
        var categorical = features.Where(c => c.IsDiscrete).ToList();
        var ml = new MLContext(seed);
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[nameof(Row.Numeric)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Math.Max(1, numeric.Count));
        definition[nameof(Row.Categorical)].ColumnType = new VectorDataViewType(TextDataViewType.Instance, Math.Max(1, categorical.Count));
        var trainRows = Rows(train, numeric, categorical, target, positive).ToList();
        if (trainRows.Select(r => r.Label).Distinct().Count() < 2)
            return new BinaryClassificationScores(0, double.NaN, double.NaN, double.NaN);
        var trainView = ml.Data.LoadFromEnumerable(trainRows, definition);
        var pipeline = ml.Transforms.Categorical.OneHotEncoding("CategoricalEncoded", nameof(Row.Categorical))
            .Append(ml.Transforms.Concatenate("Features", nameof(Row.Numeric), "CategoricalEncoded"))
            .Append(ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                NumberOfLeaves = 31,
                NumberOfIterations = 100,
                LearningRate = 0.1,
                MinimumExampleCountPerLeaf = 20,
                NumberOfThreads = 1,
                Seed = seed,
                Silent = true,
            }));
        var model = pipeline.Fit(trainView);
        var predictions = model.Transform(ml.Data.LoadFromEnumerable(Rows(test, numeric, categorical, target, positive).ToList(), definition));
        var m = ml.BinaryClassification.Evaluate(predictions, nameof(Row.Label));
        return new BinaryClassificationScores(m.F1Score, m.Accuracy, m.AreaUnderRocCurve, m.AreaUnderPrecisionRecallCurve);
    }

    private static IEnumerable<Row> Rows(RawTable t, List<ColumnSchema> numeric, List<ColumnSchema> categorical, string target, string positive)
    {
        var num = numeric.Select(c => ColumnValues.Numeric(t, c)).ToArray();
        var cat = categorical.Select(c => ColumnValues.Categorical(t, c)).ToArray();
        var label = t.Column(target);
        for (int r = 0; r < t.RowCount; r++)
            yield return new Row
            {
                Numeric = numeric.Count == 0 ? [0f] : num.Select(col => (float)col[r]).ToArray(),
                Categorical = categorical.Count == 0 ? [""] : cat.Select(col => col[r]).ToArray(),
                Label = label[r] == positive,
            };
    }
}
