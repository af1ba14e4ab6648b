using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace BeyondGan.Evaluation.Utility;

/// <summary>
/// Machine-learning efficacy (Xu et al. 2019, §5.2): train a model on one table and score it on a real test table.
/// Train on synthetic, test on real (TSTR) against train on real, test on real (TRTR) shows how much of the real
/// data's predictive value the synthetic data keeps. Fixed hyper-parameters, one thread, seeded: the same tables give
/// the same scores.
/// </summary>
public static class MachineLearningEfficacy
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="train"/> for <paramref name="task"/> and scores it on <paramref name="test"/>.</summary>
    /// <returns>The scores, or <see cref="PredictionScores.Failed"/> when the training table cannot teach the task (one class, no labelled rows).</returns>
    public static PredictionScores Score(RawTable train, RawTable test, TableSchema schema, PredictionTask task, UtilityModel model, int seed = 0)
    {
        var p = Predict(train, test, schema, task, model, seed);
        if (p is null) return PredictionScores.Failed;
        return task.Kind switch
        {
            PredictionKind.BinaryClassification => PredictionScores.Classification(p.Classes, p.PredictedClasses, p.ClassScores, 2, ClassIndex(task, task.Positive!)),
            PredictionKind.MulticlassClassification => PredictionScores.Classification(p.Classes, p.PredictedClasses, p.ClassScores, task.Classes.Count, -1),
            _ => PredictionScores.Regression(p.Values, p.PredictedValues),
        };
    }

    /// <summary>The test rows' true and predicted values, or null when the training table cannot teach the task.</summary>
    public static Predictions? Predict(RawTable train, RawTable test, TableSchema schema, PredictionTask task, UtilityModel model, int seed = 0)
    {
        var ml = new MLContext(seed);
        var features = new FeatureRows(schema, task.Target.Name, task.Kind == PredictionKind.MulticlassClassification ? task.Classes.Count : 0);
        var trainRows = Labelled(features, train, task);
        var testRows = Labelled(features, test, task);
        if (testRows.Length == 0) throw new ArgumentException($"{test.Source}: no row has a value for the target '{task.Target.Name}'.");
        if (trainRows.Length < 2) return null;
        if (task.IsClassification && trainRows.Select(r => task.Kind == PredictionKind.BinaryClassification ? (r.IsPositive ? 1u : 0u) : r.ClassKey).Distinct().Count() < 2)
            return null;
        var definition = features.Definition();
        var pipeline = FeatureRows.Featurizer(ml, model == UtilityModel.Linear).Append(Trainer(ml, task, model, seed));
        var fitted = pipeline.Fit(ml.Data.LoadFromEnumerable(trainRows, definition));
        var predictions = fitted.Transform(ml.Data.LoadFromEnumerable(testRows, definition));
        switch (task.Kind)
        {
            case PredictionKind.BinaryClassification:
            {
                int positive = ClassIndex(task, task.Positive!);
                var truth = testRows.Select(r => r.IsPositive ? positive : 1 - positive).ToArray();
                var predicted = predictions.GetColumn<bool>("PredictedLabel").Select(p => p ? positive : 1 - positive).ToArray();
                var scores = predictions.GetColumn<float>("Score").Select(s => positive == 1 ? new[] { -s, s } : [s, -s]).ToArray();
                return new Predictions(truth, predicted, scores, [], []);
            }
            case PredictionKind.MulticlassClassification:
            {
                var truth = testRows.Select(r => (int)r.ClassKey).ToArray();
                var predicted = predictions.GetColumn<uint>("PredictedLabel").Select(k => (int)k - 1).ToArray();
                var scores = predictions.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
                return new Predictions(truth, predicted, scores, [], []);
            }
            default:
                return new Predictions([], [], [], testRows.Select(r => (double)r.Value).ToArray(),
                    predictions.GetColumn<float>("Score").Select(s => (double)s).ToArray());
        }
    }

    /// <summary>Index of a class label in <see cref="PredictionTask.Classes"/>.</summary>
    public static int ClassIndex(PredictionTask task, string label) => task.Classes.ToList().IndexOf(label);

    /// <summary>Rows with their label; rows whose numeric target is missing are dropped (a missing class is a class).</summary>
    private static FeatureRows.Row[] Labelled(FeatureRows features, RawTable table, PredictionTask task)
    {
        var rows = features.Rows(table);
        var target = table.Column(task.Target.Name);
        var kept = new List<FeatureRows.Row>(rows.Length);
        for (int r = 0; r < rows.Length; r++)
        {
            string? cell = target[r];
            switch (task.Kind)
            {
                case PredictionKind.BinaryClassification:
                    rows[r].IsPositive = (cell ?? PredictionTask.MissingLabel) == task.Positive;
                    break;
                case PredictionKind.MulticlassClassification:
                    int index = ClassIndex(task, cell ?? PredictionTask.MissingLabel);
                    if (index < 0) continue; // a class the real training table never had cannot be scored
                    rows[r].ClassKey = (uint)index;
                    break;
                default:
                    if (cell is null || !ContinuousEncoder.TryParse(task.Target, cell, out double value)) continue;
                    rows[r].Value = (float)value;
                    break;
            }
            kept.Add(rows[r]);
        }
        return kept.ToArray();
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, PredictionTask task, UtilityModel model, int seed) => (task.Kind, model) switch
    {
        (PredictionKind.BinaryClassification, UtilityModel.LightGbm) => ml.BinaryClassification.Trainers.LightGbm(LightGbmSettings.Binary(nameof(FeatureRows.Row.IsPositive), seed)),
        (PredictionKind.BinaryClassification, _) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(FeatureRows.Row.IsPositive), NumberOfThreads = 1,
        }),
        (PredictionKind.MulticlassClassification, UtilityModel.LightGbm) => ml.MulticlassClassification.Trainers.LightGbm(LightGbmSettings.Multiclass(nameof(FeatureRows.Row.ClassKey), seed)),
        (PredictionKind.MulticlassClassification, _) => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(FeatureRows.Row.ClassKey), NumberOfThreads = 1,
        }),
        (_, UtilityModel.LightGbm) => ml.Regression.Trainers.LightGbm(LightGbmSettings.Regression(nameof(FeatureRows.Row.Value), seed)),
        _ => ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            LabelColumnName = nameof(FeatureRows.Row.Value), NumberOfThreads = 1,
        }),
    };
}
