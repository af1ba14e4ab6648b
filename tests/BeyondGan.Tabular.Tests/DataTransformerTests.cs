using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;

namespace BeyondGan.Tabular.Tests;

public class DataTransformerTests
{
    private static RawTable Table() => TestTables.FromCsv(
        "id,when,n,x,c,b\n" + string.Join("\n", Enumerable.Range(0, 60).Select(i =>
            $"k{i:D4},2023-03-{i % 28 + 1:D2},{i % 9},{(i % 5 == 0 ? "" : (i * 1.25 - 20).ToString("F2", System.Globalization.CultureInfo.InvariantCulture))},{(i % 4 == 0 ? "NA" : i % 3 == 0 ? "b" : "a")},{(i % 2 == 0 ? "true" : "false")}")) + "\n");

    [Fact]
    public void EncodesAndDecodesEveryKind()
    {
        var table = Table();
        var schema = SchemaInference.Infer(table);
        var t = DataTransformer.Fit(table, schema);
        var matrix = t.Transform(table, seed: 3);
        Assert.Equal(table.RowCount * t.Width, matrix.Length);
        var back = t.Inverse(matrix, table.RowCount);
        Assert.Equal(table.Column("c"), back.Column("c"));     // categorical exact, missing kept
        Assert.Equal(table.Column("b"), back.Column("b"));     // boolean spelling kept
        Assert.Equal(table.Column("n"), back.Column("n"));     // integers exact
        Assert.Equal(table.Column("when"), back.Column("when")); // dates in their format
        var x = table.Column("x");
        var xb = back.Column("x");
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] is null, xb[i] is null);         // missing indicator
            if (x[i] is not null) Assert.Equal(double.Parse(x[i]!), double.Parse(xb[i]!), 1);
        }
        // Identifiers are regenerated, unique and never equal to a training identifier.
        var ids = back.Column("id");
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Empty(ids.Intersect(table.Column("id")));
        Assert.Equal("k0060", ids[0]);
    }

    [Fact]
    public void BlocksAreOneHotAndAlphaBounded()
    {
        var table = Table();
        var t = DataTransformer.Fit(table, SchemaInference.Infer(table));
        var m = t.Transform(table);
        for (int r = 0; r < table.RowCount; r++)
            foreach (var (offset, span) in t.Spans)
            {
                var block = m.AsSpan(r * t.Width + offset, span.Size).ToArray();
                if (span.Activation == SpanActivation.Softmax) Assert.Equal(1f, block.Sum());
                else Assert.InRange(block[0], -0.99f, 0.99f);
            }
        Assert.Equal(t.DiscreteColumns.Sum(d => d.Size), t.ConditionWidth);
    }

    [Fact]
    public void JsonRoundTripGivesTheSameEncoding()
    {
        var table = Table();
        var t = DataTransformer.Fit(table, SchemaInference.Infer(table));
        var back = DataTransformer.FromJson(t.ToJson());
        Assert.Equal(t.Transform(table, 1), back.Transform(table, 1));
        Assert.Equal(t.ToJson(), back.ToJson());
    }

    [Fact]
    public void CategoryCapBucketsRareLevels()
    {
        var table = TestTables.FromCsv("c\n" + string.Join("\n", "aaaabbbcce".Select(ch => ch.ToString())) + "\n");
        var e = CategoricalEncoder.Fit(new ColumnSchema("c", ColumnKind.Categorical), table.Column("c"), maxCategories: 3);
        Assert.Equal(new string?[] { "a", "b", CategoricalEncoder.OtherSpelling }, e.Levels.AsEnumerable());
        Assert.Equal([4L, 3L, 3L], e.Counts);
        Assert.Equal(2, e.IndexOf("e"));
    }

    [Fact]
    public void PointMassesGetTheirOwnExactMode()
    {
        // 80 % zeros and a spread of other values, as in a capital-gain column.
        var rng = new Random(4);
        var values = Enumerable.Range(0, 500).Select(i => i % 5 == 0 ? (1000 + rng.Next(50000)).ToString() : "0");
        var table = TestTables.FromCsv("gain,k\n" + string.Join("\n", values.Select((v, i) => $"{v},{i % 3}")) + "\n");
        var t = DataTransformer.Fit(table, SchemaInference.Infer(table));
        var gain = (ContinuousEncoder)t.Encoders[0];
        Assert.Equal([0.0], gain.PointMasses);
        var m = t.Transform(table);
        for (int r = 0; r < table.RowCount; r++)
            if (table.Column("gain")[r] == "0") Assert.Equal(1f, m[r * t.Width + 1]); // first mode = the point mass
        // Any α with the point-mass mode decodes to exactly 0.
        var probe = new float[t.Width];
        probe[0] = 0.7f; probe[1] = 1f;
        Assert.Equal("0", t.Inverse(probe, 1).Column("gain")[0]);
        Assert.Equal(table.Column("gain"), t.Inverse(m, table.RowCount).Column("gain"));
    }
}
