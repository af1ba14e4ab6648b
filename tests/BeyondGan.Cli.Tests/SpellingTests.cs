using System.Globalization;

namespace BeyondGan.Cli.Tests;

/// <summary>Data comes back as it went in: real rows byte for byte, synthetic cells in each column's own spelling.</summary>
public sealed class SpellingTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-spell-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string P(string name) => Path.Combine(dir, name);

    private static readonly string[] Small = ["--epochs", "3", "--batch-size", "40", "--pac", "4", "--generator-dims", "32,32", "--critic-dims", "32,32", "--threads", "1"];

    // work: Adult's style (" Private", " ?"); score: NA; city: empty; flag: null; label: the class to augment.
    private static readonly string[] Header = ["id", "work", "score", "city", "flag", "label"];
    private static readonly string[] Works = ["Private", "State-gov", "Self-emp"];
    private static readonly string[] Cities = ["Oslo", "Bergen"];

    private static (string? Work, string? Score, string? City, string? Flag, string Label)[] Rows(int count)
    {
        var rng = new Random(5);
        return Enumerable.Range(0, count).Select(_ =>
        {
            string? work = rng.NextDouble() < 0.25 ? null : Works[rng.Next(Works.Length)];
            string? score = rng.NextDouble() < 0.25 ? null : (rng.NextDouble() * 10).ToString("F1", CultureInfo.InvariantCulture);
            string? city = rng.NextDouble() < 0.25 ? null : Cities[rng.Next(Cities.Length)];
            string? flag = rng.NextDouble() < 0.25 ? null : rng.NextDouble() < 0.5 ? "yes" : "no";
            return (work, score, city, flag, rng.NextDouble() < 0.2 ? "rare" : "common");
        }).ToArray();
    }

    private string WriteCsv(int count = 160)
    {
        var lines = new List<string> { string.Join(",", Header) };
        int id = 0;
        foreach (var (work, score, city, flag, label) in Rows(count))
            lines.Add($"{++id}, {work ?? "?"},{score ?? "NA"},{city ?? ""},{flag ?? "null"}, {label}");
        File.WriteAllText(P("data.csv"), string.Join("\n", lines) + "\n");
        return P("data.csv");
    }

    /// <summary>Asserts every synthetic row is spelled as the training file spells each column, and each missing token occurs.</summary>
    private static void AssertSpelledAsInput(IEnumerable<string> rows, string workMissing, string scoreMissing, string cityMissing, string flagMissing, string pad)
    {
        var cells = rows.Select(l => l.Split(',')).ToList();
        Assert.All(cells, c => Assert.Equal(6, c.Length));
        Assert.All(cells, c => Assert.Contains(c[1], Works.Select(w => pad + w).Append(workMissing)));
        Assert.All(cells, c => Assert.True(c[2] == scoreMissing || double.TryParse(c[2], CultureInfo.InvariantCulture, out _), c[2]));
        Assert.All(cells, c => Assert.Contains(c[3], Cities.Append(cityMissing)));
        Assert.All(cells, c => Assert.Contains(c[4], new[] { "yes", "no", flagMissing }));
        Assert.All(cells, c => Assert.Contains(c[5], new[] { pad + "rare", pad + "common" }));
        Assert.Contains(cells, c => c[1] == workMissing);
        Assert.Contains(cells, c => c[2] == scoreMissing);
        Assert.Contains(cells, c => c[3] == cityMissing);
        Assert.Contains(cells, c => c[4] == flagMissing);
    }

    [Fact]
    public void Sampled_rows_spell_values_and_missing_cells_as_the_training_file_did()
    {
        var data = WriteCsv();
        var (exit, output) = CliRunner.Run(["tabular", "fit", data, "--out", P("m.bgan"), .. Small]);
        Assert.True(exit == 0, output);
        (exit, output) = CliRunner.Run("tabular", "sample", P("m.bgan"), "--rows", "400", "--out", P("s.csv"), "--seed", "2");
        Assert.True(exit == 0, output);
        var lines = File.ReadAllLines(P("s.csv"));
        Assert.Equal(string.Join(",", Header), lines[0]);
        AssertSpelledAsInput(lines.Skip(1), " ?", "NA", "", "null", " ");
    }

    [Theory]
    [InlineData("smote-nc")]
    [InlineData("random")]
    [InlineData("gan")]
    public void Augmented_files_hold_the_real_rows_byte_for_byte_then_rows_in_the_same_spelling(string method)
    {
        var data = WriteCsv();
        var (exit, output) = CliRunner.Run(["tabular", "augment", data, "--target", "label", "--out", P("aug.csv"), "--method", method, "--filter", "none", .. Small]);
        Assert.True(exit == 0, output);
        var input = File.ReadAllText(data);
        var augmented = File.ReadAllText(P("aug.csv"));
        Assert.StartsWith(input, augmented);
        var added = augmented[input.Length..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(added);
        var cells = added.Select(l => l.Split(',')).ToList();
        Assert.All(cells, c => Assert.Equal(" rare", c[5]));
        Assert.All(cells, c => Assert.Contains(c[1], Works.Select(w => " " + w).Append(" ?")));
        Assert.All(cells, c => Assert.True(c[2] == "NA" || double.TryParse(c[2], CultureInfo.InvariantCulture, out _), c[2]));
        Assert.All(cells, c => Assert.Contains(c[4], new[] { "yes", "no", "null" }));
    }

    [Fact]
    public async Task A_parquet_table_with_missing_tokens_as_text_and_nulls_samples_in_the_same_spelling()
    {
        int id = 0;
        var rows = Rows(160).Select(r => new Row
        {
            Id = ++id, Work = r.Work ?? "?", Score = r.Score is null ? "NA" : r.Score, City = r.City, Flag = r.Flag ?? "null", Label = r.Label,
        }).ToArray();
        await Parquet.Serialization.ParquetSerializer.SerializeAsync(rows, P("data.parquet"));
        var (exit, output) = CliRunner.Run(["tabular", "fit", P("data.parquet"), "--out", P("m.bgan"), .. Small]);
        Assert.True(exit == 0, output);
        (exit, output) = CliRunner.Run("tabular", "sample", P("m.bgan"), "--rows", "400", "--out", P("s.csv"), "--seed", "2");
        Assert.True(exit == 0, output);
        var lines = File.ReadAllLines(P("s.csv"));
        Assert.Equal("Id,Work,Score,City,Flag,Label", lines[0]);
        AssertSpelledAsInput(lines.Skip(1), "?", "NA", "", "null", "");
    }

    public sealed class Row
    {
        public int Id { get; set; }
        public string? Work { get; set; }
        public string? Score { get; set; }
        public string? City { get; set; }
        public string? Flag { get; set; }
        public string? Label { get; set; }
    }
}
