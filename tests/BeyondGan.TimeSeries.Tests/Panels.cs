using System.Globalization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.TimeSeries.Tests;

/// <summary>Small long-format tables for the tests, written as CSV text and read by the tabular reader.</summary>
internal static class Panels
{
    /// <summary>Reads CSV <paramref name="text"/> as the CLI would read a file called <paramref name="name"/>.</summary>
    public static RawTable Csv(string text, string name = "panel.csv")
    {
        var path = Path.Combine(Path.GetTempPath(), $"bgan-ts-{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, text);
        try { return TableReader.Read(path); }
        finally { File.Delete(path); }
    }

    /// <summary>A panel: <paramref name="entities"/> devices (kind a/b, static), 6–10 readings at irregular minutes, a value and a state.</summary>
    public static RawTable Devices(int entities = 30, int seed = 1)
    {
        var rng = new Random(seed);
        var lines = new List<string> { "device,time,kind,value,state" };
        for (int e = 0; e < entities; e++)
        {
            string kind = rng.NextDouble() < 0.5 ? "a" : "b";
            int n = 6 + rng.Next(5);
            var t = new DateTime(2026, 1, 1).AddMinutes(rng.Next(1000));
            for (int i = 0; i < n; i++)
            {
                t = t.AddMinutes(10 + rng.Next(10));
                double v = (kind == "a" ? 5 : 9) + Math.Sin(i / 2.0) + rng.NextDouble() * 0.2;
                string value = rng.NextDouble() < 0.05 ? "NA" : v.ToString("F2", CultureInfo.InvariantCulture);
                lines.Add($"d{e},{t:yyyy-MM-dd HH:mm},{kind},{value},{(i % 3 == 0 ? "on" : "off")}");
            }
        }
        return Csv(string.Join("\n", lines) + "\n", "devices.csv");
    }

    /// <summary>One regular series of <paramref name="rows"/> rows with two features.</summary>
    public static RawTable Series(int rows = 80)
    {
        var lines = new List<string> { "x,y" };
        for (int i = 0; i < rows; i++) lines.Add(FormattableString.Invariant($"{Math.Sin(i / 3.0):F3},{Math.Cos(i / 5.0):F3}"));
        return Csv(string.Join("\n", lines) + "\n", "series.csv");
    }
}
