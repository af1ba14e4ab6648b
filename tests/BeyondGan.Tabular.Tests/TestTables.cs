using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Tests;

/// <summary>Small tables for tests, built in code.</summary>
internal static class TestTables
{
    public static RawTable FromCsv(string csv, string source = "test.csv") => CsvTableReader.Read(new StringReader(csv), source);

    /// <summary>A mixed table: a bimodal number, an integer, a 90/10 category, a category that follows the number, missing values.</summary>
    public static RawTable Mixed(int rows, int seed = 1)
    {
        var rng = new Random(seed);
        string[] names = ["x", "n", "flag", "group", "score"];
        var cells = names.Select(_ => new string?[rows]).ToArray();
        for (int r = 0; r < rows; r++)
        {
            bool high = rng.NextDouble() < 0.4;
            double x = (high ? 10 : -5) + rng.NextDouble() * 2 - 1;
            cells[0][r] = x.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
            cells[1][r] = rng.Next(0, 50).ToString(System.Globalization.CultureInfo.InvariantCulture);
            cells[2][r] = rng.NextDouble() < 0.9 ? "common" : "rare";
            cells[3][r] = high ? "H" : "L";
            cells[4][r] = rng.NextDouble() < 0.2 ? null : (rng.NextDouble() * 100).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }
        return new RawTable("mixed", names, cells);
    }
}
