using System.Globalization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.TimeSeries.Demo;

/// <summary>
/// The embedded demo panel (<c>timeseries demo</c>): machines at sites, one sequence of readings each. Every machine has
/// static attributes (a model and a site), a variable number of readings (20 to 48) taken at irregular times (about
/// hourly, jittered, with occasional longer gaps), a seasonal temperature (a daily cycle whose level depends on the
/// site, plus a load effect), a power draw that follows the state, and a categorical state that moves as a Markov chain
/// (idle ↔ running, now and then a fault that lasts a few readings). Generated from a seed, so no data file is needed.
/// </summary>
public static class DemoPanel
{
    private static readonly string[] Models = ["M100", "M200", "X7"];
    private static readonly string[] Sites = ["north", "south", "coast"];
    private static readonly double[] SiteTemperature = [12, 24, 18];
    private static readonly string[] States = ["idle", "running", "fault"];

    /// <summary>The columns, in file order.</summary>
    public static readonly string[] Columns = ["machine", "timestamp", "model", "site", "state", "temperature", "power_kw"];

    /// <summary><paramref name="machines"/> machines' readings in long format (one row per reading), from <paramref name="seed"/>.</summary>
    public static RawTable Generate(int machines = 300, int seed = 7)
    {
        var rng = new Random(seed);
        var cells = Columns.Select(_ => new List<string?>()).ToArray();
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int m = 0; m < machines; m++)
        {
            int model = rng.Next(Models.Length), site = rng.Next(Sites.Length);
            int readings = 20 + rng.Next(29);
            var time = start.AddMinutes(rng.Next(0, 14 * 24 * 60));
            int state = rng.Next(2);
            double capacity = model switch { 0 => 4.0, 1 => 7.5, _ => 12.0 };
            for (int t = 0; t < readings; t++)
            {
                if (t > 0)
                {
                    double minutes = 60 + (rng.NextDouble() - 0.5) * 20;
                    if (rng.NextDouble() < 0.08) minutes += 60 * (1 + rng.Next(5));   // a missed reading or two
                    time = time.AddMinutes(Math.Round(minutes));
                    state = NextState(state, model, rng);
                }
                double hour = time.Hour + time.Minute / 60.0;
                double temperature = SiteTemperature[site] + 6 * Math.Sin(2 * Math.PI * (hour - 9) / 24) + (state == 1 ? 3 : 0) + Normal(rng) * 0.8;
                double power = state switch { 1 => capacity * (0.7 + 0.25 * rng.NextDouble()), 0 => 0.2 + 0.1 * rng.NextDouble(), _ => 0 };
                string?[] row =
                [
                    $"m{m + 1:D4}", time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Models[model], Sites[site], States[state],
                    temperature.ToString("F1", CultureInfo.InvariantCulture),
                    // A reading of power is sometimes lost (missing), never while in fault.
                    state != 2 && rng.NextDouble() < 0.03 ? null : power.ToString("F2", CultureInfo.InvariantCulture),
                ];
                for (int c = 0; c < row.Length; c++) cells[c].Add(row[c]);
            }
        }
        int rows = cells[0].Count;
        return new RawTable("demo panel", Columns.ToList(), cells.Select(c => c.ToArray()).ToList(), Enumerable.Range(2, rows).ToArray());
    }

    private static int NextState(int state, int model, Random rng)
    {
        double u = rng.NextDouble();
        double faultRate = model == 2 ? 0.04 : 0.015;
        return state switch
        {
            0 => u < 0.25 ? 1 : u < 0.25 + faultRate / 2 ? 2 : 0,
            1 => u < faultRate ? 2 : u < faultRate + 0.12 ? 0 : 1,
            _ => u < 0.45 ? 0 : 2,
        };
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
