using System.Globalization;
using System.Text.Json;

namespace BeyondGan.Cli.Tests;

/// <summary>Rules on the command line: found by schema, kept by fit (or not), edited lists, checked by evaluate.</summary>
public sealed class RulesCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-rules-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string P(string name) => Path.Combine(dir, name);

    private static readonly string[] Small = ["--epochs", "3", "--batch-size", "40", "--pac", "4", "--generator-dims", "32,32", "--critic-dims", "32,32", "--threads", "1"];

    /// <summary>class ↔ code (a recoding), pickup ≤ dropoff, and a price that obeys nothing.</summary>
    private string WriteData(int rows = 300)
    {
        var rng = new Random(4);
        var lines = new List<string> { "class,code,pickup,dropoff,price" };
        string[] classes = ["First", "Second", "Third"];
        var t0 = new DateTime(2024, 5, 1);
        for (int i = 0; i < rows; i++)
        {
            int c = rng.Next(3);
            var pickup = t0.AddMinutes(rng.Next(40_000));
            var dropoff = pickup.AddMinutes(3 + rng.Next(90));
            lines.Add($"{classes[c]},{c + 1},{pickup:yyyy-MM-dd HH:mm},{dropoff:yyyy-MM-dd HH:mm},{(rng.NextDouble() * 50).ToString("F2", CultureInfo.InvariantCulture)}");
        }
        File.WriteAllText(P("data.csv"), string.Join("\n", lines) + "\n");
        return P("data.csv");
    }

    [Fact]
    public void Schema_prints_the_rules_and_writes_them_as_json()
    {
        var (exit, output) = CliRunner.Run("tabular", "schema", WriteData(), "--rules-json", P("rules.json"));
        Assert.True(exit == 0, output);
        Assert.Contains("class determines code (one to one)", output.ReplaceLineEndings(" "));
        Assert.Contains("pickup ≤ dropoff", output);
        using var json = JsonDocument.Parse(File.ReadAllText(P("rules.json")));
        var kinds = json.RootElement.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("rule").GetString()).ToList();
        Assert.Contains("determines", kinds);
        Assert.Contains("order", kinds);
        Assert.Contains("range", kinds);
    }

    [Fact]
    public void Fit_keeps_the_rules_and_evaluate_reports_none_broken_while_no_rules_breaks_them()
    {
        var data = WriteData();
        var (exit, output) = CliRunner.Run(["tabular", "fit", data, "--out", P("m.bgan"), .. Small]);
        Assert.True(exit == 0, output);
        Assert.Contains("code looked up from class", output.ReplaceLineEndings(" "));
        Assert.Equal(0, CliRunner.Run("tabular", "sample", P("m.bgan"), "--rows", "1000", "--out", P("s.csv"), "--seed", "1").Exit);
        (exit, output) = CliRunner.Run("tabular", "evaluate", "--real", data, "--synthetic", P("s.csv"), "--json", P("m.json"), "--report", P("r.html"));
        Assert.True(exit == 0, output);
        using (var json = JsonDocument.Parse(File.ReadAllText(P("m.json"))))
        {
            Assert.Equal(0.0, json.RootElement.GetProperty("rows_breaking_rules").GetDouble());
            var rules = json.RootElement.GetProperty("rules").EnumerateArray().ToList();
            Assert.Contains(rules, r => r.GetProperty("rule").GetString() == "pickup ≤ dropoff" && r.GetProperty("synthetic_broken").GetInt64() == 0);
        }
        Assert.Contains("Rows keeping every rule", File.ReadAllText(P("r.html")));

        (exit, output) = CliRunner.Run(["tabular", "fit", data, "--out", P("n.bgan"), "--no-rules", .. Small]);
        Assert.True(exit == 0, output);
        Assert.Equal(0, CliRunner.Run("tabular", "sample", P("n.bgan"), "--rows", "1000", "--out", P("n.csv"), "--seed", "1").Exit);
        Assert.Equal(0, CliRunner.Run("tabular", "evaluate", "--real", data, "--synthetic", P("n.csv"), "--json", P("n.json")).Exit);
        using (var json = JsonDocument.Parse(File.ReadAllText(P("n.json"))))
            Assert.True(json.RootElement.GetProperty("rows_breaking_rules").GetDouble() > 0.1);
    }

    [Fact]
    public void An_edited_rules_file_is_what_fit_keeps()
    {
        var data = WriteData();
        File.WriteAllText(P("rules.json"), """{ "rules": [ { "rule": "determines", "determinant": "class", "dependent": "code" } ] }""");
        var (exit, output) = CliRunner.Run(["tabular", "fit", data, "--out", P("m.bgan"), "--rules", P("rules.json"), .. Small]);
        Assert.True(exit == 0, output);
        var flat = output.ReplaceLineEndings(" ");
        Assert.Contains("code looked up from class", flat);
        Assert.DoesNotContain("pickup ≤ dropoff", flat);
        (exit, output) = CliRunner.Run("tabular", "sample", P("m.bgan"), "--rows", "50", "--out", P("s.csv"), "--condition", "code=3");
        Assert.True(exit == 0, output);
        Assert.All(File.ReadAllLines(P("s.csv")).Skip(1), l => Assert.StartsWith("Third,3,", l));
    }

    [Theory]
    [InlineData("""{ "rules": [ { "rule": "order", "lower": "pickup", "upper": "nowhere" } ] }""", "names 'nowhere', which is not a modelled column")]
    [InlineData("""{ "rules": [ { "rule": "sometimes" } ] }""", "rules.json")]
    [InlineData("not json", "invalid rules JSON")]
    public void A_bad_rules_file_is_one_line_and_no_model(string json, string expected)
    {
        var data = WriteData(60);
        File.WriteAllText(P("rules.json"), json);
        var (exit, output) = CliRunner.Run(["tabular", "fit", data, "--out", P("m.bgan"), "--rules", P("rules.json"), .. Small]);
        Assert.Equal(2, exit);
        Assert.Contains(expected, output);
        Assert.Single(output.Trim().Split('\n'));
        Assert.False(File.Exists(P("m.bgan")));
        (exit, output) = CliRunner.Run(["tabular", "fit", data, "--out", P("m.bgan"), "--rules", P("rules.json"), "--no-rules", .. Small]);
        Assert.Equal(2, exit);
        Assert.Contains("--rules and --no-rules cannot be combined", output);
    }
}
