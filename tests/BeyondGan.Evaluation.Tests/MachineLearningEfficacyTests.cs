using BeyondGan.Evaluation.Utility;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Evaluation.Tests;

public class MachineLearningEfficacyTests
{
    private static RawTable Labelled(int rows, int seed, bool scrambleLabel = false)
    {
        var rng = new Random(seed);
        var cells = new[] { new string?[rows], new string?[rows], new string?[rows] };
        for (int r = 0; r < rows; r++)
        {
            double x = rng.NextDouble() * 10;
            string colour = rng.NextDouble() < 0.5 ? "red" : "blue";
            bool positive = x > 6 || (colour == "red" && x > 4);
            if (scrambleLabel) positive = rng.NextDouble() < 0.4;
            cells[0][r] = x.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
            cells[1][r] = colour;
            cells[2][r] = positive ? "yes" : "no";
        }
        return new RawTable("t", ["x", "colour", "label"], cells);
    }

    [Fact]
    public void LearnableLabelScoresHighAndScrambledLabelScoresChance()
    {
        var train = Labelled(1500, 1);
        var test = Labelled(800, 2);
        var schema = SchemaInference.Infer(train);
        var good = MachineLearningEfficacy.Binary(train, test, schema, "label", "yes");
        Assert.True(good.F1 > 0.95, $"F1 {good.F1:F3}");
        Assert.True(good.RocAuc > 0.98, $"AUC {good.RocAuc:F3}");
        var bad = MachineLearningEfficacy.Binary(Labelled(1500, 3, scrambleLabel: true), test, schema, "label", "yes");
        Assert.InRange(bad.RocAuc, 0.4, 0.6);
        // Deterministic for the same data and seed.
        Assert.Equal(good, MachineLearningEfficacy.Binary(train, test, schema, "label", "yes"));
    }
}
