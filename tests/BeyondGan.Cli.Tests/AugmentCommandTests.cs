using System.Globalization;

namespace BeyondGan.Cli.Tests;

public sealed class AugmentCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-aug-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string P(string name) => Path.Combine(dir, name);

    private string Write(int rows = 200)
    {
        var rng = new Random(3);
        var lines = new List<string> { "id,amount,city,label" };
        for (int i = 0; i < rows; i++)
        {
            double amount = rng.NextDouble() * 100;
            string city = rng.NextDouble() < 0.6 ? "Oslo" : "Bergen";
            lines.Add($"{i + 1},{amount.ToString("F2", CultureInfo.InvariantCulture)},{city},{(amount > 85 ? "rare" : "common")}");
        }
        File.WriteAllText(P("data.csv"), string.Join("\n", lines) + "\n");
        return P("data.csv");
    }

    [Theory]
    [InlineData("smote-nc", "none")]
    [InlineData("random", "classifier")]
    [InlineData("gan", "critic")]
    public void Augment_writes_real_rows_then_synthetic_rows_of_the_minority(string method, string filter)
    {
        var data = Write();
        var (exit, output) = CliRunner.Run("tabular", "augment", data, "--target", "label", "--out", P("aug.csv"), "--method", method, "--filter", filter,
            "--strategy", "ratio:0.5", "--mark", "synthetic", "--epochs", "2", "--batch-size", "40", "--pac", "4", "--generator-dims", "32,32", "--critic-dims", "32,32", "--threads", "1");
        Assert.True(exit == 0, output);
        var lines = File.ReadAllLines(P("aug.csv"));
        Assert.Equal("id,amount,city,label,synthetic", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        int common = rows.Count(r => r[3] == "common");
        Assert.Equal((int)Math.Round(0.5 * common), rows.Count(r => r[3] == "rare"));
        Assert.Equal(200, rows.Count(r => r[4] == "false"));
        Assert.All(rows.Where(r => r[4] == "true"), r => Assert.Equal("rare", r[3]));
        Assert.Equal(rows.Count, rows.Select(r => r[0]).Distinct().Count());
        Assert.Contains("added", output);
    }

    [Theory]
    [InlineData(new[] { "--target", "price" }, "--target price: ")]
    [InlineData(new[] { "--target", "label", "--strategy", "count:huge=10" }, "'huge' is not a class of 'label'")]
    [InlineData(new[] { "--target", "label", "--strategy", "ratio:0.01" }, "would reduce class 'rare'")]
    [InlineData(new[] { "--target", "label", "--method", "smote" }, "use --method smote-nc")]
    [InlineData(new[] { "--target", "label", "--method", "smote-nc", "--filter", "critic" }, "--filter critic needs --method gan")]
    [InlineData(new[] { "--target", "label", "--method", "magic" }, "--method magic: expected gan, smote, smote-nc or random")]
    [InlineData(new[] { "--target", "single" }, "has a single class ('x')")]
    public void Bad_requests_give_one_line_and_no_file(string[] args, string expected)
    {
        Write();
        if (args.Contains("single"))
            File.WriteAllText(P("data.csv"), "a,single\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},x\n")));
        var (exit, output) = CliRunner.Run(["tabular", "augment", P("data.csv"), .. args, "--out", P("aug.csv")]);
        Assert.Equal(2, exit);
        Assert.Contains(expected, output.ReplaceLineEndings(" "));
        Assert.Single(output.Trim().Split('\n'));
        Assert.False(File.Exists(P("aug.csv")));
    }
}
