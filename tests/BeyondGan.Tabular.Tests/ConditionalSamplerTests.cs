using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Sampling;
using BeyondGan.Tabular.Transform;

namespace BeyondGan.Tabular.Tests;

public class ConditionalSamplerTests
{
    private static (DataTransformer, float[], RawTable) Setup()
    {
        // Column g: 80 "a", 15 "b", 5 "c"; column h: 50/50.
        var rows = Enumerable.Range(0, 100).Select(i => $"{(i < 80 ? "a" : i < 95 ? "b" : "c")},{(i % 2 == 0 ? "p" : "q")},{i}");
        var table = TestTables.FromCsv("g,h,v\n" + string.Join("\n", rows) + "\n");
        var t = DataTransformer.Fit(table, SchemaInference.Infer(table));
        return (t, t.Transform(table), table);
    }

    [Fact]
    public void TrainingConditionsFollowLogFrequencyAndRealRowsMatch()
    {
        var (t, m, table) = Setup();
        var sampler = new ConditionalSampler(t, m, table.RowCount);
        var rng = new Random(1);
        int batch = 20000;
        var u = Enumerable.Range(0, 3 * batch).Select(_ => rng.NextDouble()).ToArray();
        var c = new float[batch * t.ConditionWidth];
        var rows = sampler.SampleForTraining(u, c, batch);
        var g = t.FindDiscrete("g")!;
        var counts = new int[3];
        int onG = 0;
        for (int b = 0; b < batch; b++)
        {
            Assert.Equal(1f, c.AsSpan(b * t.ConditionWidth, t.ConditionWidth).ToArray().Sum());
            for (int k = 0; k < 3; k++)
                if (c[b * t.ConditionWidth + g.ConditionOffset + k] == 1f)
                {
                    counts[k]++; onG++;
                    Assert.Equal(g.Encoder.Levels[k], table.Column("g")[rows[b]]); // the real row has the conditioned level
                }
        }
        Assert.InRange(onG / (double)batch, 0.47, 0.53); // columns picked uniformly
        double[] expected = [Math.Log(81), Math.Log(16), Math.Log(6)];
        double sum = expected.Sum();
        for (int k = 0; k < 3; k++) Assert.InRange(counts[k] / (double)onG, expected[k] / sum - 0.02, expected[k] / sum + 0.02);
    }

    [Fact]
    public void A_focus_column_conditions_its_share_of_rows_with_levels_drawn_uniformly()
    {
        var (t, m, table) = Setup();
        var sampler = new ConditionalSampler(t, m, table.RowCount, focusColumn: "g", focusShare: 0.5);
        var rng = new Random(3);
        int batch = 30000;
        var u = Enumerable.Range(0, 3 * batch).Select(_ => rng.NextDouble()).ToArray();
        var c = new float[batch * t.ConditionWidth];
        var rows = sampler.SampleForTraining(u, c, batch);
        var g = t.FindDiscrete("g")!;
        var counts = new int[3];
        for (int b = 0; b < batch; b++)
            for (int k = 0; k < 3; k++)
                if (c[b * t.ConditionWidth + g.ConditionOffset + k] == 1f)
                {
                    counts[k]++;
                    Assert.Equal(g.Encoder.Levels[k], table.Column("g")[rows[b]]);
                }
        // g is picked for 0.5 (focus) + 0.5 × ½ (uniform pick among 2 columns) = 75 % of rows. Focus rows are uniform
        // over a, b, c (⅓ each of 50 %); the other 25 % follow log(1 + count).
        double[] log = [Math.Log(81), Math.Log(16), Math.Log(6)];
        for (int k = 0; k < 3; k++)
        {
            double expected = 0.5 / 3 + 0.25 * log[k] / log.Sum();
            Assert.InRange(counts[k] / (double)batch, expected - 0.015, expected + 0.015);
        }
        Assert.Throws<ArgumentException>(() => new ConditionalSampler(t, m, table.RowCount, focusColumn: "v"));
    }

    [Fact]
    public void GenerationConditionsFollowTrueFrequency()
    {
        var (t, _, _) = Setup();
        var sampler = ConditionalSampler.FromCounts(t);
        var rng = new Random(2);
        int batch = 20000;
        var u = Enumerable.Range(0, 2 * batch).Select(_ => rng.NextDouble()).ToArray();
        var c = new float[batch * t.ConditionWidth];
        var chosen = sampler.SampleForGeneration(u, c, batch);
        var onG = chosen.Where(x => x.Column == 0).ToList();
        Assert.InRange(onG.Count(x => x.Level == 0) / (double)onG.Count, 0.78, 0.82);
        Assert.InRange(onG.Count(x => x.Level == 2) / (double)onG.Count, 0.04, 0.06);
    }

    [Theory]
    [InlineData(new long[] { 3, 1 }, 5, new long[] { 4, 1 })]        // 3.75 / 1.25: the larger remainder gets the row
    [InlineData(new long[] { 1, 1, 1 }, 2, new long[] { 1, 1, 0 })]  // equal remainders and counts: the earlier levels
    [InlineData(new long[] { 1, 2 }, 3, new long[] { 1, 2 })]        // exact shares, nothing left over
    [InlineData(new long[] { 1, 3 }, 2, new long[] { 0, 2 })]        // 0.5 / 1.5: equal remainders, the more frequent level
    public void Allocation_is_proportional_by_largest_remainder(long[] counts, long rows, long[] expected) =>
        Assert.Equal(expected, ConditionalSampler.Allocate(counts, rows));
}
