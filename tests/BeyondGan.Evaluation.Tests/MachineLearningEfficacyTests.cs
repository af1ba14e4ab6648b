using System.Globalization;
using BeyondGan.Evaluation.Utility;
using Microsoft.ML;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Evaluation.Tests;

public class MachineLearningEfficacyTests
{
    private static string N(double x) => x.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>x in [0, 10), a colour, a binary label, a 3-class label and a numeric target, all learnable from x and colour.</summary>
    private static RawTable Labelled(int rows, int seed, bool scrambleLabel = false)
    {
        var rng = new Random(seed);
        var cells = Enumerable.Range(0, 5).Select(_ => new string?[rows]).ToArray();
        for (int r = 0; r < rows; r++)
        {
            double x = rng.NextDouble() * 10;
            string colour = rng.NextDouble() < 0.5 ? "red" : "blue";
            bool positive = x > 6 || (colour == "red" && x > 4);
            if (scrambleLabel) positive = rng.NextDouble() < 0.4;
            cells[0][r] = N(x);
            cells[1][r] = colour;
            cells[2][r] = positive ? "yes" : "no";
            cells[3][r] = x < 3 ? "low" : x < 7 ? "mid" : "high";
            cells[4][r] = N(3 * x + (colour == "red" ? 5 : 0) + rng.NextDouble());
        }
        return new RawTable("t", ["x", "colour", "label", "band", "amount"], cells);
    }

    private static TableSchema SchemaFor(RawTable t) => SchemaInference.Infer(t);

    [Fact]
    public void Learnable_binary_label_scores_high_and_scrambled_label_scores_chance()
    {
        var train = Labelled(1500, 1);
        var test = Labelled(800, 2);
        var schema = SchemaFor(train);
        var task = PredictionTask.For(train, schema, "label", "yes");
        foreach (var model in new[] { UtilityModel.LightGbm, UtilityModel.Linear })
        {
            var good = MachineLearningEfficacy.Score(train, test, schema, task, model);
            Assert.True(good.F1 > 0.85, $"{model} F1 {good.F1:F3}");
            Assert.True(good.RocAuc > 0.95, $"{model} AUC {good.RocAuc:F3}");
            Assert.True(double.IsNaN(good.R2));
            // Deterministic for the same data and seed.
            Assert.Equal(good, MachineLearningEfficacy.Score(train, test, schema, task, model));
        }
        var bad = MachineLearningEfficacy.Score(Labelled(1500, 3, scrambleLabel: true), test, schema, task, UtilityModel.LightGbm);
        Assert.InRange(bad.RocAuc, 0.4, 0.6);
    }

    [Fact]
    public void Multiclass_and_regression_targets_are_learned()
    {
        var train = Labelled(1500, 1);
        var test = Labelled(800, 2);
        var schema = SchemaFor(train);
        var band = PredictionTask.For(train, schema, "band");
        Assert.Equal(PredictionKind.MulticlassClassification, band.Kind);
        Assert.Equal(["high", "low", "mid"], band.Classes);
        var multi = MachineLearningEfficacy.Score(train, test, schema, band, UtilityModel.LightGbm);
        Assert.True(multi.MacroF1 > 0.95 && multi.Accuracy > 0.95 && multi.RocAuc > 0.98, multi.ToString());
        Assert.True(double.IsNaN(multi.F1));
        var amount = PredictionTask.For(train, schema, "amount");
        Assert.Equal(PredictionKind.Regression, amount.Kind);
        foreach (var model in new[] { UtilityModel.LightGbm, UtilityModel.Linear })
        {
            var reg = MachineLearningEfficacy.Score(train, test, schema, amount, model);
            Assert.True(reg.R2 > 0.97, $"{model} R² {reg.R2:F3}");
            Assert.InRange(reg.Mae, 0, 1.5);
        }
    }

    [Fact]
    public void A_synthetic_table_with_one_class_cannot_be_trained_on()
    {
        var train = Labelled(300, 1);
        var schema = SchemaFor(train);
        var task = PredictionTask.For(train, schema, "label");
        var oneClass = train.SelectRows(Enumerable.Range(0, train.RowCount).Where(r => train.Column("label")[r] == "yes").ToArray());
        Assert.Equal(PredictionScores.Failed, MachineLearningEfficacy.Score(oneClass, train, schema, task, UtilityModel.LightGbm));
    }

    [Fact]
    public void Task_defaults_the_positive_class_to_the_rarer_one_and_rejects_bad_targets()
    {
        var t = new RawTable("t.csv", ["id", "y", "k"], [["1", "2", "3", "4"], ["a", "b", "b", "b"], ["same", "same", "same", "same"]]);
        var schema = new TableSchema([new("id", ColumnKind.Identifier), new("y", ColumnKind.Categorical), new("k", ColumnKind.Categorical)]);
        Assert.Equal("a", PredictionTask.For(t, schema, "y").Positive);
        Assert.Equal("b", PredictionTask.For(t, schema, "y", "b").Positive);
        Assert.Contains("no column 'nope'", Assert.Throws<ArgumentException>(() => PredictionTask.For(t, schema, "nope")).Message);
        Assert.Contains("only one class", Assert.Throws<ArgumentException>(() => PredictionTask.For(t, schema, "k")).Message);
        Assert.Contains("identifier", Assert.Throws<ArgumentException>(() => PredictionTask.For(t, schema, "id")).Message);
        Assert.Contains("no such class", Assert.Throws<ArgumentException>(() => PredictionTask.For(t, schema, "y", "c")).Message);
    }

    [Fact]
    public void Classification_scores_match_hand_computed_values()
    {
        // Class 1: tp 2, fp 1, fn 1 → F1 4/6; class 0: tp 1, fp 1, fn 1 → F1 2/4; accuracy 3/5.
        int[] truth = [0, 0, 1, 1, 1], predicted = [0, 1, 1, 1, 0];
        float[][] scores = [[0.9f, 0.1f], [0.4f, 0.6f], [0.2f, 0.8f], [0.3f, 0.7f], [0.6f, 0.4f]];
        var s = PredictionScores.Classification(truth, predicted, scores, 2, positive: 1);
        Assert.Equal(4.0 / 6, s.F1, 12);
        Assert.Equal((4.0 / 6 + 0.5) / 2, s.MacroF1, 12);
        Assert.Equal(0.6, s.Accuracy, 12);
        // Positive scores 0.8, 0.7, 0.4 vs negatives 0.1, 0.6: pairs won 2 + 2 + 1 = 5 of 6.
        Assert.Equal(5.0 / 6, s.RocAuc, 12);
        // Recall of class 0: 1/2, of class 1: 2/3 → balanced accuracy 7/12.
        Assert.Equal(7.0 / 12, s.BalancedAccuracy, 12);
        // Ranked positive scores: 0.8 (P 1/1, R 1/3), 0.7 (2/2, 2/3), 0.6 neg, 0.4 (3/4, 1) → AP = 1/3 + 1/3 + 1/3 · 3/4.
        Assert.Equal(1.0 / 3 + 1.0 / 3 + 0.25, s.PrAuc, 12);
    }

    [Fact]
    public void Roc_auc_and_regression_scores_match_hand_computed_values()
    {
        Assert.Equal(0.75, AreaUnderCurve.Roc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);
        Assert.Equal(0.5, AreaUnderCurve.Roc([0.5, 0.5], [true, false]), 12); // a tie counts half
        Assert.True(double.IsNaN(AreaUnderCurve.Roc([1, 2], [true, true])));
        // SS_res = 1, SS_tot = 2 → R² 0.5; MAE = 1/3.
        var r = PredictionScores.Regression([1, 2, 3], [1, 2, 4]);
        Assert.Equal(0.5, r.R2, 12);
        Assert.Equal(1.0 / 3, r.Mae, 12);
    }
}
