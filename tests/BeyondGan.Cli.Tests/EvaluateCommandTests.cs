using System.Globalization;
using System.Text.Json;

namespace BeyondGan.Cli.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-eval-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string P(string name) => Path.Combine(dir, name);

    /// <summary>A small table: a number, a city, a yes/no label that depends on both, and an id.</summary>
    private string Write(string name, int rows, int seed, bool noisy = false)
    {
        var rng = new Random(seed);
        var lines = new List<string> { "id,amount,city,bought" };
        for (int i = 0; i < rows; i++)
        {
            double amount = noisy ? rng.NextDouble() * 5000 : 20 + rng.NextDouble() * 80;
            string city = noisy ? "Town" + rng.Next(3) : rng.NextDouble() < 0.6 ? "Oslo" : "Bergen";
            bool bought = amount > 70 || (city == "Oslo" && amount > 50);
            lines.Add($"{seed * 10000 + i},{amount.ToString("F2", CultureInfo.InvariantCulture)},{city},{(bought ? "yes" : "no")}");
        }
        File.WriteAllText(P(name), string.Join("\n", lines) + "\n");
        return P(name);
    }

    [Fact]
    public void Evaluate_prints_a_summary_and_writes_json_and_a_self_contained_report()
    {
        var (exit, output) = CliRunner.Run("tabular", "evaluate", "--real", Write("real.csv", 600, 1), "--synthetic", Write("syn.csv", 600, 2),
            "--holdout", Write("test.csv", 300, 3), "--target", "bought", "--json", P("m.json"), "--report", P("r.html"), "--privacy-rows", "200");
        Assert.True(exit == 0, output);
        Assert.Contains("quality", output);
        Assert.Contains("detection AUC", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(P("m.json")));
        var root = doc.RootElement;
        foreach (var key in new[] { "quality", "column_shapes", "column_pair_trends", "tstr_f1", "trtr_f1", "detection_auc", "dcr_synthetic_median", "exact_copies" })
            Assert.Equal(JsonValueKind.Number, root.GetProperty(key).ValueKind);
        Assert.True(root.GetProperty("quality").GetDouble() > 0.85);
        Assert.True(root.GetProperty("tstr_f1").GetDouble() > 0.85, "the synthetic table has the same rule, so TSTR should learn it");
        Assert.Equal(3, root.GetProperty("columns").GetArrayLength()); // the id column is an identifier, not compared
        var html = File.ReadAllText(P("r.html"));
        Assert.Contains("data:image/png;base64,", html);
        Assert.DoesNotContain("src=\"http", html);
    }

    [Fact]
    public void Same_inputs_give_byte_identical_json_and_report()
    {
        string real = Write("real.csv", 300, 1), syn = Write("syn.csv", 300, 2), test = Write("test.csv", 200, 3);
        foreach (var run in new[] { "a", "b" })
            Assert.Equal(0, CliRunner.Run("tabular", "evaluate", "--real", real, "--synthetic", syn, "--holdout", test, "--target", "bought",
                "--json", P(run + ".json"), "--report", P(run + ".html")).Exit);
        Assert.Equal(File.ReadAllBytes(P("a.json")), File.ReadAllBytes(P("b.json")));
        Assert.Equal(File.ReadAllBytes(P("a.html")), File.ReadAllBytes(P("b.html")));
    }

    [Fact]
    public void Noise_scores_low()
    {
        Assert.Equal(0, CliRunner.Run("tabular", "evaluate", "--real", Write("real.csv", 400, 1), "--synthetic", Write("noise.csv", 400, 2, noisy: true),
            "--json", P("m.json")).Exit);
        var root = JsonDocument.Parse(File.ReadAllText(P("m.json"))).RootElement;
        Assert.True(root.GetProperty("quality").GetDouble() < 0.5);
        Assert.True(root.GetProperty("detection_auc").GetDouble() > 0.95);
        Assert.True(root.GetProperty("valid_rows").GetDouble() < 0.2);
    }

    [Theory]
    [InlineData(new[] { "--synthetic", "{syn}" }, "--real FILE is required")]
    [InlineData(new[] { "--real", "{real}", "--synthetic", "{syn}", "--target", "bought" }, "--target bought needs --holdout FILE")]
    [InlineData(new[] { "--real", "{real}", "--synthetic", "{syn}", "--holdout", "{real}", "--target", "price" }, "--target price: there is no column 'price'")]
    [InlineData(new[] { "--real", "{real}", "--synthetic", "{missing}" }, "missing.csv: file not found.")]
    [InlineData(new[] { "--real", "{real}", "--synthetic", "{ragged}" }, "ragged.csv, line 3: this row has 2 fields but the header has 4.")]
    [InlineData(new[] { "--real", "{real}", "--synthetic", "{syn}", "--folds", "1" }, "--folds must be at least 2")]
    [InlineData(new[] { "--real", "{real}", "--synthetic", "{syn}", "--model", "{real}" }, "not a BeyondGan tabular model")]
    [InlineData(new[] { "--real", "{real}", "--synthetic", "{syn}", "--bogus" }, "bogus")]
    public void Bad_input_gives_one_line_and_writes_nothing(string[] args, string expected)
    {
        Write("real.csv", 100, 1);
        Write("syn.csv", 100, 2);
        File.WriteAllText(P("ragged.csv"), "id,amount,city,bought\n1,2.5,Oslo,yes\n2,3\n");
        var resolved = args.Select(a => a.StartsWith('{') ? P(a.Trim('{', '}') + ".csv") : a).ToArray();
        var (exit, output) = CliRunner.Run(["tabular", "evaluate", .. resolved, "--json", P("m.json"), "--report", P("r.html")]);
        Assert.Equal(2, exit);
        Assert.Contains(expected, output.ReplaceLineEndings(" "));
        Assert.Single(output.Trim().Split('\n'));
        Assert.False(File.Exists(P("m.json")));
        Assert.False(File.Exists(P("r.html")));
    }
}
