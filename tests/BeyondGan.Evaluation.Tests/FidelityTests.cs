using BeyondGan.Evaluation.Fidelity;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Evaluation.Tests;

public class FidelityTests
{
    [Fact]
    public void KsComplementMatchesAHandComputedStatistic()
    {
        // F_a and F_b differ most just after 2: F_a(2) = 2/4, F_b(2) = 0/2 → D = 0.5.
        Assert.Equal(0.5, KsComplement.Score([1, 2, 3, 4], [3, 4]), 12);
        Assert.Equal(1.0, KsComplement.Score([1, 2, 3], [3, 2, 1]), 12);
        Assert.Equal(0.0, KsComplement.Score([1, 2], [5, 6]), 12);
        Assert.Equal(1.0, KsComplement.Score([1, double.NaN, 2], [2, 1]), 12); // missing ignored
    }

    [Fact]
    public void TvComplementMatchesAHandComputedDistance()
    {
        // real a 0.5 b 0.5, synthetic a 0.75 c 0.25 → TV = ½(0.25 + 0.5 + 0.25) = 0.5.
        Assert.Equal(0.5, TvComplement.Score(["a", "b", "a", "b"], ["a", "a", "a", "c"]), 12);
        Assert.Equal(1.0, TvComplement.Score(["x", "y"], ["y", "x"]), 12);
    }

    [Fact]
    public void CorrelationSimilarityMatchesAHandComputedValue()
    {
        double[] x = [1, 2, 3, 4], y = [2, 4, 6, 8], z = [8, 6, 4, 2];
        Assert.Equal(1.0, CorrelationSimilarity.Pearson(x, y), 12);
        Assert.Equal(0.0, CorrelationSimilarity.Score(x, y, x, z), 12);  // 1 − |1 − (−1)| / 2
        Assert.Equal(0.5, CorrelationSimilarity.Score(x, y, x, [1, 1, 1, 1]), 12); // constant → ρ 0
    }

    [Fact]
    public void ContingencySimilarityMatchesAHandComputedValue()
    {
        // real pairs (a,x),(b,y); synthetic (a,x),(a,x) → TV = ½(0 + 0.5 + 0.5)... p(a,x) 0.5 vs 1, p(b,y) 0.5 vs 0 → 0.5.
        Assert.Equal(0.5, ContingencySimilarity.Score(["a", "b"], ["x", "y"], ["a", "a"], ["x", "x"]), 12);
        Assert.Equal(["0", "4", "9", "9", "(missing)"], ContingencySimilarity.Bin([0, 4.5, 10, 99, double.NaN], 0, 10));
    }

    private static RawTable Table(int rows, int seed, bool shuffleColumns = false, bool noise = false)
    {
        var rng = new Random(seed);
        var cells = new[] { new string?[rows], new string?[rows], new string?[rows] };
        for (int r = 0; r < rows; r++)
        {
            double x = rng.NextDouble() * 10;
            double y = noise ? rng.NextDouble() * 1000 : 2 * x + rng.NextDouble();
            string c = noise ? (rng.Next(5)).ToString() : x > 5 ? "high" : "low";
            cells[0][r] = x.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
            cells[1][r] = y.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
            cells[2][r] = c;
        }
        if (shuffleColumns)
            foreach (var col in cells) rng.Shuffle(col);
        return new RawTable("t", ["x", "y", "c"], cells);
    }

    [Fact]
    public void QualityIsOneForATableAgainstItselfAndDropsForShuffledAndNoise()
    {
        var real = Table(2000, 1);
        var schema = SchemaInference.Infer(real);
        var self = QualityReport.Compute(real, real, schema);
        Assert.Equal(1.0, self.ColumnShapes, 12);
        Assert.Equal(1.0, self.ColumnPairTrends, 12);
        Assert.Equal(1.0, self.Quality, 12);
        // Shuffling each column independently keeps every marginal and destroys the pairs.
        var shuffled = QualityReport.Compute(real, Table(2000, 1, shuffleColumns: true), schema);
        Assert.Equal(1.0, shuffled.ColumnShapes, 12);
        Assert.True(shuffled.ColumnPairTrends < 0.75, $"pair trends {shuffled.ColumnPairTrends:F3}");
        var noise = QualityReport.Compute(real, Table(2000, 2, noise: true), schema);
        Assert.True(noise.Quality < 0.3, $"quality {noise.Quality:F3}");
    }

    [Fact]
    public void Missing_rates_and_scores_of_a_small_table_match_hand_computed_values()
    {
        var schema = new TableSchema([new("x", ColumnKind.Continuous), new("c", ColumnKind.Categorical)]);
        var real = new RawTable("real", ["x", "c"], [["1", "2", null, "4"], ["a", null, "a", "b"]]);
        var syn = new RawTable("syn", ["x", "c"], [["1", null, null, "9", "2"], ["a", "a", "b", "b", "b"]]);
        var report = QualityReport.Compute(real, syn, schema);
        var x = report.Shapes.Single(s => s.Column == "x");
        Assert.Equal(0.25, x.RealMissingRate, 12);
        Assert.Equal(0.4, x.SyntheticMissingRate, 12);
        // Real {1, 2, 4} vs synthetic {1, 2, 9}: the CDFs differ only on [4, 9): 1 vs 2/3 → KS 1/3.
        Assert.Equal(2.0 / 3, x.Score, 12);
        var c = report.Shapes.Single(s => s.Column == "c");
        Assert.Equal(0.25, c.RealMissingRate, 12);
        Assert.Equal(0.0, c.SyntheticMissingRate, 12);
        // Real a ½, b ¼, (missing) ¼ vs synthetic a 0.4, b 0.6 → TV = ½(0.1 + 0.35 + 0.25) = 0.35.
        Assert.Equal(0.65, c.Score, 12);
        Assert.Equal((2.0 / 3 + 0.65) / 2, report.ColumnShapes, 12);
    }
}
