using System.Globalization;
using BeyondGan.Augmentation;
using BeyondGan.Augmentation.MachineLearning;
using BeyondGan.Augmentation.Oversampling;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using Microsoft.ML;

namespace BeyondGan.Augmentation.Tests;

public class StrategyTests
{
    private static readonly Dictionary<string, int> Counts = new() { ["a"] = 10, ["b"] = 3, ["c"] = 8 };

    [Fact]
    public void Strategies_plan_the_rows_to_add()
    {
        Assert.Equal(new Dictionary<string, int> { ["b"] = 7, ["c"] = 2 }, AugmentationStrategy.Parse("balance").RowsToAdd(Counts, "y"));
        Assert.Equal(new Dictionary<string, int> { ["b"] = 6, ["c"] = 1 }, AugmentationStrategy.Parse("ratio:0.9").RowsToAdd(Counts, "y"));
        Assert.Equal(new Dictionary<string, int> { ["b"] = 3 }, AugmentationStrategy.Parse("count:b=6").RowsToAdd(Counts, "y"));
        Assert.Equal(new Dictionary<string, int> { ["b"] = 1, ["c"] = 1 }, AugmentationStrategy.Parse("count:b=4,c=9").RowsToAdd(Counts, "y"));
    }

    [Theory]
    [InlineData("ratio:0.5", "would reduce class 'c' of 'y' from 8 to 5 rows")]
    [InlineData("count:z=5", "'z' is not a class of 'y'")]
    [InlineData("count:b=2", "would reduce class 'b' from 3 rows")]
    public void Strategies_that_would_remove_rows_or_name_unknown_classes_are_refused(string strategy, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => AugmentationStrategy.Parse(strategy).RowsToAdd(Counts, "y")).Message);

    [Theory]
    [InlineData("ratio:2")]
    [InlineData("ratio:x")]
    [InlineData("count:b")]
    [InlineData("halve")]
    public void Malformed_strategies_are_refused(string strategy) =>
        Assert.Throws<ArgumentException>(() => AugmentationStrategy.Parse(strategy));
}

public class OversamplerTests
{
    private static string N(double v) => v.ToString("F3", CultureInfo.InvariantCulture);

    private static double[] Numbers(RawTable t, string column) => t.Column(column).Select(c => double.Parse(c!, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Smote_interpolates_between_a_row_and_its_nearest_same_class_neighbour()
    {
        // Minority rows A (0,0), B (1,0), C (10,10); with k = 1: A↔B, and C's nearest is B. Majority rows far away.
        var table = new RawTable("t", ["x", "y", "label"],
            [["0.000", "1.000", "10.000", "50.000", "60.000", "70.000"], ["0.000", "0.000", "10.000", "50.000", "60.000", "55.000"], ["min", "min", "min", "maj", "maj", "maj"]]);
        var schema = new TableSchema([new("x", ColumnKind.Continuous), new("y", ColumnKind.Continuous), new("label", ColumnKind.Categorical)]);
        var rows = new SmoteOversampler(table, schema, "label", neighbours: 1).Generate("min", 200, seed: 3);
        var x = Numbers(rows, "x");
        var y = Numbers(rows, "y");
        Assert.All(rows.Column("label"), l => Assert.Equal("min", l));
        for (int i = 0; i < 200; i++)
        {
            bool onAB = Math.Abs(y[i]) < 1e-9 && x[i] >= 0 && x[i] <= 1;
            // On segment C–B: (1,0) + t·(9,10).
            double t = y[i] / 10;
            bool onCB = t >= 0 && t <= 1 && Math.Abs(x[i] - (1 + 9 * t)) < 2e-3;
            Assert.True(onAB || onCB, $"({x[i]}, {y[i]}) is on no allowed segment");
        }
        Assert.Contains(Enumerable.Range(0, 200), i => y[i] > 0.5); // both segments are used
        Assert.Contains(Enumerable.Range(0, 200), i => y[i] == 0 && x[i] > 0.01 && x[i] < 0.99);
    }

    [Fact]
    public void Smote_nc_gives_each_category_the_value_most_neighbours_have()
    {
        // Four minority rows on a line; with k = 3 every row's neighbours are the other three, and "b" is the
        // majority among any three of them, so every synthetic row gets "b" (even from the base row that has "a").
        var table = new RawTable("t", ["x", "c", "label"],
            [["0", "1", "2", "3", "40", "41"], ["a", "b", "b", "b", "a", "a"], ["min", "min", "min", "min", "maj", "maj"]]);
        var schema = new TableSchema([new("x", ColumnKind.Integer), new("c", ColumnKind.Categorical), new("label", ColumnKind.Categorical)]);
        var rows = new SmoteOversampler(table, schema, "label", neighbours: 3, nominal: true).Generate("min", 100, seed: 1);
        Assert.All(rows.Column("c"), c => Assert.Equal("b", c));
        Assert.All(Numbers(rows, "x"), v => Assert.InRange(v, 0, 3));
        Assert.All(rows.Column("x"), v => Assert.DoesNotContain(".", v)); // integers stay integers
    }

    [Fact]
    public void Smote_nc_counts_a_category_mismatch_as_med_squared()
    {
        // Minority rows (x, y, c): r0 (0,0,a), r1 (1,0,b), r2 (2,0,a), r3 (0,50,a), r4 (0,−50,a). The wide y spread of
        // r3/r4 makes Med (median of the class's standardised standard deviations) large, so r1's category mismatch
        // costs more than r2's larger x gap: r0's nearest neighbour is r2, r1's is r0, r2's is r0, r3's is r0, r4's
        // is r0 — all "a". Without the Med² term r0 and r2 would pick r1 and every third row would be "b".
        var table = new RawTable("t", ["x", "y", "c", "label"],
            [["0", "1", "2", "0", "0", "100", "100"], ["0", "0", "0", "50", "-50", "0", "1"], ["a", "b", "a", "a", "a", "a", "b"],
             ["min", "min", "min", "min", "min", "maj", "maj"]]);
        var schema = new TableSchema([new("x", ColumnKind.Integer), new("y", ColumnKind.Integer), new("c", ColumnKind.Categorical), new("label", ColumnKind.Categorical)]);
        var rows = new SmoteOversampler(table, schema, "label", neighbours: 1, nominal: true).Generate("min", 300, seed: 2);
        Assert.All(rows.Column("c"), c => Assert.Equal("a", c));
    }

    [Fact]
    public void Smote_refuses_categorical_features()
    {
        var table = new RawTable("t", ["x", "c", "label"], [["0", "1"], ["a", "b"], ["u", "v"]]);
        var schema = new TableSchema([new("x", ColumnKind.Integer), new("c", ColumnKind.Categorical), new("label", ColumnKind.Categorical)]);
        var e = Assert.Throws<ArgumentException>(() => new SmoteOversampler(table, schema, "label"));
        Assert.Contains("'c' is categorical; use --method smote-nc", e.Message);
    }

    [Fact]
    public void Random_oversampling_copies_rows_of_the_class()
    {
        var table = new RawTable("t", ["x", "label"], [["1", "2", "3", "4"], ["u", "u", "v", "u"]]);
        var rows = new RandomOversampler(table, "label").Generate("v", 5, seed: 1);
        Assert.All(rows.Column("x"), x => Assert.Equal("3", x));
    }
}

public class TabularAugmenterTests
{
    /// <summary>id, amount, city, flag and a 10 % minority label that depends on amount and city.</summary>
    internal static RawTable Data(int rows, int seed)
    {
        var rng = new Random(seed);
        var cells = Enumerable.Range(0, 5).Select(_ => new string?[rows]).ToArray();
        for (int r = 0; r < rows; r++)
        {
            double amount = rng.NextDouble() * 100;
            string city = rng.NextDouble() < 0.6 ? "Oslo" : "Bergen";
            bool rare = amount > 85 || (city == "Bergen" && amount > 80);
            cells[0][r] = $"C{r + 1:0000}";
            cells[1][r] = amount.ToString("F2", CultureInfo.InvariantCulture);
            cells[2][r] = city;
            cells[3][r] = rng.NextDouble() < 0.5 ? "yes" : "no";
            cells[4][r] = rare ? "rare" : "common";
        }
        return new RawTable("data.csv", ["id", "amount", "city", "flag", "label"], cells);
    }

    private static readonly CtganOptions Tiny = new() { Epochs = 3, BatchSize = 40, Pac = 4, GeneratorDims = [32, 32], CriticDims = [32, 32] };

    [Theory]
    [InlineData(AugmentationMethod.Random, SyntheticFilter.None)]
    [InlineData(AugmentationMethod.SmoteNc, SyntheticFilter.None)]
    [InlineData(AugmentationMethod.SmoteNc, SyntheticFilter.Classifier)]
    [InlineData(AugmentationMethod.Gan, SyntheticFilter.None)]
    [InlineData(AugmentationMethod.Gan, SyntheticFilter.Critic)]
    [InlineData(AugmentationMethod.Gan, SyntheticFilter.Classifier)]
    public void Every_method_balances_the_classes_with_exact_labels_and_fresh_ids(AugmentationMethod method, SyntheticFilter filter)
    {
        var data = Data(300, 1);
        var schema = SchemaInference.Infer(data);
        var options = new AugmentationOptions { Target = "label", Method = method, Filter = filter, Gan = Tiny, MinimumSteps = 0, MarkColumn = "synthetic", Seed = 5 };
        var result = TabularAugmenter.Augment(data, schema, options);
        var t = result.Table;
        int common = data.Column("label").Count(l => l == "common");
        Assert.Equal(2 * common, t.RowCount);
        Assert.Equal(common, t.Column("label").Count(l => l == "rare"));
        Assert.Equal(t.RowCount, t.Column("id").Distinct().Count());
        Assert.Equal(data.Column("id"), t.Column("id")[..data.RowCount]); // real rows first, unchanged
        Assert.Equal(data.RowCount, t.Column("synthetic").Count(m => m == "false"));
        Assert.All(t.Column("synthetic")[data.RowCount..], m => Assert.Equal("true", m));
        Assert.All(t.Column("label")[data.RowCount..], l => Assert.Equal("rare", l));
        Assert.All(t.Column("city")[data.RowCount..], c => Assert.Contains(c, new[] { "Oslo", "Bergen" }));
        // Same seed, same table.
        var again = TabularAugmenter.Augment(data, schema, options).Table;
        for (int c = 0; c < t.Columns.Count; c++) Assert.Equal(t.Cells[c], again.Cells[c]);
    }

    [Theory]
    [InlineData("nope", "has no column 'nope'")]
    [InlineData("amount", "augmentation needs a categorical or boolean class column")]
    [InlineData("single", "has a single class ('x')")]
    public void Bad_targets_are_refused(string target, string message)
    {
        var data = new RawTable("data.csv", ["amount", "single", "label"], [["1.5", "2.5", "3.5"], ["x", "x", "x"], ["a", "b", "a"]]);
        var schema = new TableSchema([new("amount", ColumnKind.Continuous), new("single", ColumnKind.Categorical), new("label", ColumnKind.Categorical)]);
        var e = Assert.Throws<ArgumentException>(() => TabularAugmenter.Augment(data, schema, new AugmentationOptions { Target = target, Method = AugmentationMethod.Random }));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void The_critic_filter_needs_the_gan() =>
        Assert.Contains("--filter critic needs --method gan", Assert.Throws<ArgumentException>(() =>
            new AugmentationOptions { Target = "y", Method = AugmentationMethod.SmoteNc, Filter = SyntheticFilter.Critic }.Validate()).Message);
}

public class DataViewAugmentationTests
{
    public sealed class Row
    {
        public float Amount { get; set; }
        public string City { get; set; } = "";
        public bool Flag { get; set; }
        public string Label { get; set; } = "";
    }

    [Fact]
    public void Typed_rows_come_back_with_the_minority_balanced()
    {
        var data = TabularAugmenterTests.Data(200, 2);
        var rows = Enumerable.Range(0, data.RowCount).Select(r => new Row
        {
            Amount = float.Parse(data.Column("amount")[r]!, CultureInfo.InvariantCulture),
            City = data.Column("city")[r]!,
            Flag = data.Column("flag")[r] == "yes",
            Label = data.Column("label")[r]!,
        }).ToList();
        var ml = new MLContext(0);
        var augmented = ml.Augment(rows, new AugmentationOptions { Target = nameof(Row.Label), Method = AugmentationMethod.SmoteNc, Seed = 1 }).ToList();
        int common = rows.Count(r => r.Label == "common");
        Assert.Equal(2 * common, augmented.Count);
        Assert.Equal(common, augmented.Count(r => r.Label == "rare"));
        Assert.Equal(rows.Select(r => r.Amount), augmented.Take(rows.Count).Select(r => r.Amount));
        Assert.All(augmented.Skip(rows.Count), r => Assert.InRange(r.Amount, 0, 100));
    }
}

public class LabelFilterTests
{
    [Fact]
    public void The_label_filter_keeps_candidates_that_look_like_their_class()
    {
        // Real: "rare" rows have amount > 85. Candidates labelled rare: half with amount > 85, half far below.
        var data = TabularAugmenterTests.Data(600, 4);
        var schema = SchemaInference.Infer(data);
        var cells = Enumerable.Range(0, 5).Select(_ => new string?[40]).ToArray();
        for (int r = 0; r < 40; r++)
        {
            cells[0][r] = $"X{r}";
            cells[1][r] = (r % 2 == 0 ? 90 + r % 10 : 10 + r).ToString("F2", CultureInfo.InvariantCulture);
            cells[2][r] = "Oslo";
            cells[3][r] = "no";
            cells[4][r] = "rare";
        }
        var candidates = new RawTable("candidates", data.Columns, cells);
        var scores = BeyondGan.Augmentation.Filtering.RealismFilter.LabelScores(data, schema, "label", "rare", candidates, seed: 1);
        var kept = BeyondGan.Augmentation.Filtering.RealismFilter.Keep(candidates, scores, 20);
        Assert.All(kept.Column("amount"), a => Assert.True(double.Parse(a!, CultureInfo.InvariantCulture) >= 90, a));
    }
}

public class MulticlassAugmentationTests
{
    [Theory]
    [InlineData(AugmentationMethod.SmoteNc, "balance")]
    [InlineData(AugmentationMethod.Random, "count:c=50")]
    [InlineData(AugmentationMethod.Gan, "ratio:0.5")]
    public void Every_class_below_its_goal_gets_rows_of_its_own_class(AugmentationMethod method, string strategy)
    {
        var rng = new Random(1);
        int n = 140;
        var x = new string?[n];
        var colour = new string?[n];
        var label = new string?[n];
        for (int r = 0; r < n; r++)
        {
            string cls = r < 100 ? "a" : r < 130 ? "b" : "c";
            label[r] = cls;
            x[r] = ((cls == "a" ? 0 : cls == "b" ? 10 : 20) + rng.NextDouble()).ToString("F3", CultureInfo.InvariantCulture);
            colour[r] = rng.NextDouble() < 0.5 ? "red" : "blue";
        }
        var data = new RawTable("multi.csv", ["x", "colour", "label"], [x, colour, label]);
        var schema = SchemaInference.Infer(data);
        var result = TabularAugmenter.Augment(data, schema, new AugmentationOptions
        {
            Target = "label", Method = method, Strategy = AugmentationStrategy.Parse(strategy), Seed = 2, MinimumSteps = 0,
            Gan = new CtganOptions { Epochs = 2, BatchSize = 40, Pac = 4, GeneratorDims = [16], CriticDims = [16] },
        });
        var counts = result.Table.Column("label").GroupBy(v => v!).ToDictionary(g => g.Key, g => g.Count());
        var expected = strategy switch
        {
            "balance" => new Dictionary<string, int> { ["a"] = 100, ["b"] = 100, ["c"] = 100 },
            "count:c=50" => new Dictionary<string, int> { ["a"] = 100, ["b"] = 30, ["c"] = 50 },
            _ => new Dictionary<string, int> { ["a"] = 100, ["b"] = 50, ["c"] = 50 },
        };
        Assert.Equal(expected, counts);
        if (method != AugmentationMethod.Gan)
        {
            // Copies and interpolations stay inside their class's range of x.
            var synthetic = Enumerable.Range(data.RowCount, result.Table.RowCount - data.RowCount);
            Assert.All(synthetic, r =>
            {
                double v = double.Parse(result.Table.Column("x")[r]!, CultureInfo.InvariantCulture);
                double low = result.Table.Column("label")[r] == "b" ? 10 : 20;
                Assert.InRange(v, low, low + 1);
            });
        }
    }
}

public class GanOptionsTests
{
    [Fact]
    public void Small_tables_get_a_smaller_batch_and_enough_steps_large_ones_keep_the_paper_settings()
    {
        var options = new AugmentationOptions { Target = "y", Seed = 3 };
        var small = TabularAugmenter.GanOptions(options, rows: 1000);
        Assert.Equal(100, small.BatchSize);                 // ~10 steps per epoch, a multiple of pac 10
        Assert.Equal(300, small.Epochs);                    // 10 × 300 = 3,000 steps already
        var tiny = TabularAugmenter.GanOptions(options, rows: 240);
        Assert.Equal(50, tiny.BatchSize);                   // at least 5 packs
        Assert.Equal(750, tiny.Epochs);                     // 4 steps per epoch → 750 epochs for 3,000 steps
        var large = TabularAugmenter.GanOptions(options, rows: 20_000);
        Assert.Equal(500, large.BatchSize);
        Assert.Equal(300, large.Epochs);
        Assert.Equal("y", large.FocusColumn);
        Assert.Equal(3, large.Seed);
        var asGiven = TabularAugmenter.GanOptions(options with { MinimumSteps = 0, TargetFocus = null }, rows: 240);
        Assert.Equal((500, 300, (string?)null), (asGiven.BatchSize, asGiven.Epochs, asGiven.FocusColumn));
    }
}
