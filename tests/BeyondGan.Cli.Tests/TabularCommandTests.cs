using System.Globalization;

namespace BeyondGan.Cli.Tests;

public sealed class TabularCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-tab-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string P(string name) => Path.Combine(dir, name);

    private static readonly string[] Small = ["--epochs", "2", "--batch-size", "40", "--pac", "4", "--generator-dims", "32,32", "--critic-dims", "32,32", "--threads", "1"];

    private string WriteData(int rows = 120)
    {
        var rng = new Random(3);
        var lines = new List<string> { "id,age,city,income,member" };
        for (int i = 0; i < rows; i++)
        {
            string city = rng.NextDouble() < 0.7 ? "Oslo" : "Bergen";
            string income = rng.NextDouble() < 0.1 ? "" : (30000 + rng.NextDouble() * 50000).ToString("F2", CultureInfo.InvariantCulture);
            lines.Add($"{i + 1},{18 + rng.Next(60)},{city},{income},{(rng.NextDouble() < 0.5 ? "yes" : "no")}");
        }
        var path = P("data.csv");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Fact]
    public void Fit_then_sample_writes_a_table_with_the_same_columns_and_exact_conditions()
    {
        var data = WriteData();
        var (exit, output) = CliRunner.Run(["tabular", "fit", data, "--out", P("m.bgan"), .. Small]);
        Assert.True(exit == 0, output);
        Assert.True(File.Exists(P("m.bgan")));
        (exit, output) = CliRunner.Run("tabular", "sample", P("m.bgan"), "--rows", "50", "--out", P("s.csv"), "--condition", "city=Bergen", "--seed", "4");
        Assert.True(exit == 0, output);
        var lines = File.ReadAllLines(P("s.csv"));
        Assert.Equal("id,age,city,income,member", lines[0]);
        Assert.Equal(51, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Equal("Bergen", l.Split(',')[2]));
    }

    [Fact]
    public void Stratified_sampling_gives_the_label_its_training_proportions()
    {
        var data = WriteData();
        Assert.Equal(0, CliRunner.Run(["tabular", "fit", data, "--out", P("m.bgan"), .. Small]).Exit);
        var (exit, output) = CliRunner.Run("tabular", "sample", P("m.bgan"), "--rows", "200", "--out", P("s.csv"), "--stratify", "city");
        Assert.True(exit == 0, output);
        var real = File.ReadAllLines(data).Skip(1).Select(l => l.Split(',')[2]).ToList();
        var synthetic = File.ReadAllLines(P("s.csv")).Skip(1).Select(l => l.Split(',')[2]).ToList();
        foreach (var city in real.Distinct())
            Assert.InRange(synthetic.Count(c => c == city) - 200.0 * real.Count(c => c == city) / real.Count, -1.0, 1.0);
        // Identifiers stay unique although the rows come from two draws.
        Assert.Equal(200, File.ReadAllLines(P("s.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
    }

    [Fact]
    public void Same_seed_gives_byte_identical_samples()
    {
        var data = WriteData();
        Assert.Equal(0, CliRunner.Run(["tabular", "fit", data, "--out", P("a.bgan"), "--seed", "7", .. Small]).Exit);
        Assert.Equal(0, CliRunner.Run(["tabular", "fit", data, "--out", P("b.bgan"), "--seed", "7", .. Small]).Exit);
        Assert.Equal(0, CliRunner.Run("tabular", "sample", P("a.bgan"), "--rows", "200", "--out", P("a.csv"), "--seed", "1").Exit);
        Assert.Equal(0, CliRunner.Run("tabular", "sample", P("b.bgan"), "--rows", "200", "--out", P("b.csv"), "--seed", "1").Exit);
        Assert.Equal(File.ReadAllBytes(P("a.csv")), File.ReadAllBytes(P("b.csv")));
    }

    [Theory]
    [InlineData(3, new string[0])]
    [InlineData(4, new[] { "--stratify", "city" })]
    [InlineData(2, new[] { "--condition", "member=yes" })]
    public void Shards_joined_in_order_are_byte_for_byte_the_whole_draw(int parts, string[] extra)
    {
        Assert.Equal(0, CliRunner.Run(["tabular", "fit", WriteData(), "--out", P("m.bgan"), .. Small]).Exit);
        // 7,001 rows: four chunks of the draw, the last of one row.
        var (exit, output) = CliRunner.Run(["tabular", "sample", P("m.bgan"), "--rows", "7001", "--out", P("whole.csv"), "--seed", "9", .. extra]);
        Assert.True(exit == 0, output);
        var joined = new List<string>();
        for (int k = 1; k <= parts; k++)
        {
            (exit, output) = CliRunner.Run(["tabular", "sample", P("m.bgan"), "--rows", "7001", "--out", P($"part{k}.csv"), "--seed", "9", "--shard", $"{k}/{parts}", .. extra]);
            Assert.True(exit == 0, output);
            var lines = File.ReadAllLines(P($"part{k}.csv"));
            Assert.Equal("id,age,city,income,member", lines[0]);
            joined.AddRange(k == 1 ? lines : lines.Skip(1));
        }
        Assert.Equal(File.ReadAllLines(P("whole.csv")), joined);
        Assert.Equal(7002, joined.Count);
    }

    [Fact]
    public void A_model_samples_on_the_device_asked_for()
    {
        Assert.Equal(0, CliRunner.Run(["tabular", "fit", WriteData(), "--out", P("m.bgan"), .. Small]).Exit);
        var (exit, output) = CliRunner.Run("tabular", "sample", P("m.bgan"), "--rows", "10", "--out", P("s.csv"), "--device", "cpu");
        Assert.True(exit == 0, output);
        if (TorchSharp.torch.cuda.is_available()) return;
        (exit, output) = CliRunner.Run("tabular", "sample", P("m.bgan"), "--rows", "10", "--out", P("g.csv"), "--device", "cuda");
        Assert.Equal(2, exit);
        Assert.Contains("CUDA is not available", output);
        Assert.False(File.Exists(P("g.csv")));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("2")]
    [InlineData("a/b")]
    public void A_bad_shard_is_refused_before_anything_is_written(string shard)
    {
        Assert.Equal(0, CliRunner.Run(["tabular", "fit", WriteData(), "--out", P("m.bgan"), .. Small]).Exit);
        var (exit, output) = CliRunner.Run("tabular", "sample", P("m.bgan"), "--rows", "10", "--out", P("s.csv"), "--shard", shard);
        Assert.Equal(2, exit);
        Assert.Contains($"--shard {shard}: expected K/N with 1 ≤ K ≤ N", output);
        Assert.False(File.Exists(P("s.csv")));
    }

    [Fact]
    public void Schema_prints_the_inferred_types_and_writes_json()
    {
        var (exit, output) = CliRunner.Run("tabular", "schema", WriteData(), "--json", P("schema.json"));
        Assert.Equal(0, exit);
        Assert.Contains("identifier", output);
        Assert.Contains("boolean", output);
        Assert.Contains("\"type\": \"continuous\"", File.ReadAllText(P("schema.json")));
    }

    [Theory]
    [InlineData("a,b\n1,2\n3\n", "data.csv, line 3: this row has 1 fields but the header has 2.")]
    [InlineData("", "the file is empty")]
    [InlineData("a,b\n", "header but no data rows")]
    [InlineData("a,b\n1,x\n", "is too few to learn from")]
    [InlineData("a,b\n1,\n2,\n3,\n4,\n5,\n6,\n7,\n8,\n9,\n10,\n11,\n", "column 'b': every value is missing")]
    [InlineData("a,b\n1,k\n2,k\n3,k\n4,k\n5,k\n6,k\n7,k\n8,k\n9,k\n10,k\n11,k\n", "column 'b': every row has the same value 'k'")]
    public void Bad_tables_give_one_line_errors_and_no_model(string csv, string expected)
    {
        File.WriteAllText(P("data.csv"), csv);
        var (exit, output) = CliRunner.Run(["tabular", "fit", P("data.csv"), "--out", P("m.bgan"), .. Small]);
        Assert.NotEqual(0, exit);
        Assert.Contains(expected, output.ReplaceLineEndings(" ").Replace("  ", " "));
        Assert.Single(output.Trim().Split('\n'));
        Assert.Empty(Directory.GetFiles(dir, "*.bgan*"));
    }

    [Fact]
    public void Text_in_a_column_declared_numeric_names_line_and_column()
    {
        File.WriteAllText(P("data.csv"), "a,b\n1,2\n2,3\n3,abc\n" + string.Concat(Enumerable.Range(4, 10).Select(i => $"{i},{i}\n")));
        File.WriteAllText(P("meta.json"), "{\"columns\": [{\"name\": \"b\", \"type\": \"integer\"}]}");
        var (exit, output) = CliRunner.Run(["tabular", "fit", P("data.csv"), "--metadata", P("meta.json"), "--out", P("m.bgan"), .. Small]);
        Assert.Equal(2, exit);
        Assert.Contains("line 4, column 'b': 'abc' is not a number", output);
    }

    [Theory]
    [InlineData("--condition", "town=Oslo", "the model has no column 'town'")]
    [InlineData("--condition", "city=Paris", "'Paris' is not a category of 'city'")]
    [InlineData("--condition", "city", "expected COLUMN=VALUE")]
    [InlineData("--stratify", "age", "--stratify age: 'age' is not a categorical or boolean column")]
    [InlineData("--stratify", "town", "--stratify town: the model has no column 'town'")]
    public void Bad_conditions_are_refused_and_nothing_is_written(string flag, string value, string expected)
    {
        Assert.Equal(0, CliRunner.Run(["tabular", "fit", WriteData(), "--out", P("m.bgan"), .. Small]).Exit);
        var (exit, output) = CliRunner.Run("tabular", "sample", P("m.bgan"), "--rows", "10", "--out", P("s.csv"), flag, value);
        Assert.Equal(2, exit);
        Assert.Contains(expected, output.ReplaceLineEndings(" "));
        Assert.False(File.Exists(P("s.csv")));
    }

    [Fact]
    public void A_fit_with_a_focus_column_gives_a_model_that_samples()
    {
        var data = WriteData(200);
        var (exit, output) = CliRunner.Run(["tabular", "fit", data, "--out", P("m.bgan"), "--focus-column", "member:0.4", .. Small]);
        Assert.True(exit == 0, output);
        (exit, output) = CliRunner.Run("tabular", "sample", P("m.bgan"), "--rows", "100", "--out", P("s.csv"), "--condition", "member=no");
        Assert.True(exit == 0, output);
        Assert.All(File.ReadAllLines(P("s.csv")).Skip(1), l => Assert.EndsWith(",no", l));
    }

    [Theory]
    [InlineData("town", "--focus-column town: data.csv has no column 'town'")]
    [InlineData("age", "--focus-column age: 'age' is integer, not a categorical or boolean column")]
    [InlineData("city:1.5", "expected COLUMN or COLUMN:SHARE with SHARE between 0 and 1")]
    public void A_bad_focus_column_is_refused_before_training(string value, string expected)
    {
        var (exit, output) = CliRunner.Run(["tabular", "fit", WriteData(), "--out", P("m.bgan"), "--focus-column", value, .. Small]);
        Assert.Equal(2, exit);
        Assert.Contains(expected, output.ReplaceLineEndings(" "));
        Assert.False(File.Exists(P("m.bgan")));
    }

    [Fact]
    public void A_truncated_model_is_refused_clearly()
    {
        Assert.Equal(0, CliRunner.Run(["tabular", "fit", WriteData(), "--out", P("m.bgan"), .. Small]).Exit);
        var bytes = File.ReadAllBytes(P("m.bgan"));
        File.WriteAllBytes(P("m.bgan"), bytes[..(bytes.Length - 100)]);
        var (exit, output) = CliRunner.Run("tabular", "sample", P("m.bgan"), "--rows", "10", "--out", P("s.csv"));
        Assert.NotEqual(0, exit);
        Assert.Contains("m.bgan: the model file is truncated or corrupt", output.ReplaceLineEndings(" "));
        Assert.False(File.Exists(P("s.csv")));
    }

    [Fact]
    public void Bad_options_are_refused_before_reading()
    {
        var (exit, output) = CliRunner.Run(["tabular", "fit", WriteData(), "--out", P("m.bgan"), "--batch-size", "42", "--pac", "4"]);
        Assert.Equal(2, exit);
        Assert.Contains("--batch-size 42 must be a multiple of --pac 4", output.ReplaceLineEndings(" "));
        (exit, output) = CliRunner.Run("tabular", "fit", P("missing.csv"), "--out", P("m.bgan"));
        Assert.NotEqual(0, exit);
        Assert.Contains("missing.csv: file not found.", output);
        (exit, _) = CliRunner.Run("tabular", "fit", WriteData(), "--out", P("m.bgan"), "--bogus");
        Assert.Equal(2, exit);
        (exit, output) = CliRunner.Run("tabular", "fit", WriteData(), "--out", P("m.bgan"), "--penalty-fraction", "0");
        Assert.Equal(2, exit);
        Assert.Contains("--penalty-fraction must be in (0, 1], got 0", output.ReplaceLineEndings(" "));
        (exit, output) = CliRunner.Run("tabular", "fit", WriteData(), "--out", P("m.bgan"), "--precision", "fp8");
        Assert.Equal(2, exit);
        Assert.Contains("--precision fp8: expected auto, float32 or bfloat16", output.ReplaceLineEndings(" "));
        (exit, output) = CliRunner.Run("tabular", "fit", WriteData(), "--out", P("m.bgan"), "--reuse-fakes", "maybe");
        Assert.Equal(2, exit);
        Assert.Contains("--reuse-fakes maybe: expected true or false", output.ReplaceLineEndings(" "));
        Assert.False(File.Exists(P("m.bgan")));
    }

    [Fact]
    public void Demo_fits_samples_and_prints_a_quality_summary()
    {
        var (exit, output) = CliRunner.Run("tabular", "demo", "--rows", "300", "--epochs", "2", "--threads", "1", "--out", dir);
        Assert.True(exit == 0, output);
        Assert.Contains("Column shapes", output);
        Assert.Contains("churned=yes", output);
        foreach (var f in new[] { "demo.csv", "holdout.csv", "synthetic.csv", "demo.bgan" }) Assert.True(File.Exists(P(f)), f);
        Assert.Equal(301, File.ReadAllLines(P("synthetic.csv")).Length);
    }
}
