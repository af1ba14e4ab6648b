using System.Globalization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Demo;

/// <summary>
/// The embedded demo table, generated from a seed: a customer table with every feature a real table throws at a
/// synthesiser — an identifier, dates, skewed and multimodal numbers, integers, categories, a yes/no flag,
/// missing values, correlated columns, an imbalanced label (churned, about 10 % "yes"), and rules a real table obeys:
/// <c>plan</c> determines <c>plan_price</c> (one to one), and <c>last_active</c> is never before <c>signup_date</c>.
/// </summary>
public static class DemoTable
{
    /// <summary>Column names, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["customer_id", "signup_date", "age", "segment", "region", "income", "tenure_months", "monthly_spend", "satisfaction", "has_card", "churned",
         "plan", "plan_price", "last_active"];

    /// <summary>Generates <paramref name="rows"/> rows from <paramref name="seed"/> (the same seed always gives the same table).</summary>
    public static RawTable Generate(int rows = 5000, int seed = 7)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows));
        var rng = new Random(seed);
        // The plan and last-active columns draw from their own stream, so the other columns are the same as without them.
        var more = new Random(seed + 1);
        string[] plans = ["basic", "plus", "pro"];
        string[] prices = ["9.99", "19.99", "49.99"];
        var cells = Columns.Select(_ => new string?[rows]).ToArray();
        var inv = CultureInfo.InvariantCulture;
        var end = new DateTime(2025, 1, 1);
        string[] regions = ["north", "south", "east", "west", "central"];
        double[] regionWeights = [0.3, 0.25, 0.2, 0.15, 0.1];
        for (int r = 0; r < rows; r++)
        {
            double u = rng.NextDouble();
            string segment = u < 0.6 ? "consumer" : u < 0.9 ? "small_business" : "enterprise";
            // Income: log-normal per segment, so the column is multimodal and right-skewed.
            double logMean = segment switch { "consumer" => 10.4, "small_business" => 11.1, _ => 11.9 };
            double income = Math.Exp(logMean + 0.35 * Normal(rng));
            // Age: 18 + a gamma-like skew (sum of exponentials), capped at 90.
            int age = (int)Math.Min(90, 18 + 7 * (Exponential(rng) + Exponential(rng) + Exponential(rng)));
            var signup = end.AddDays(-1 - rng.Next(6 * 365));
            int tenure = (int)((end - signup).TotalDays / 30.44);
            double spend = Math.Max(5, income / 12 * 0.04 * Math.Exp(0.3 * Normal(rng)));
            double satisfaction = Math.Clamp(7.0 + 0.08 * Math.Min(tenure, 40) / 4 - 1.5 * Exponential(rng) + 0.6 * Normal(rng), 0, 10);
            bool card = rng.NextDouble() < 1 / (1 + Math.Exp(-(age - 35) / 8.0));
            double churnLogit = -2.1 - 0.03 * tenure - 0.45 * (satisfaction - 6.5) + (segment == "consumer" ? 0.5 : -0.4);
            bool churned = rng.NextDouble() < 1 / (1 + Math.Exp(-churnLogit));
            cells[0][r] = $"C{r + 1:D6}";
            cells[1][r] = signup.ToString("yyyy-MM-dd", inv);
            cells[2][r] = age.ToString(inv);
            cells[3][r] = segment;
            cells[4][r] = regions[Pick(rng, regionWeights)];
            cells[5][r] = income.ToString("F2", inv);
            cells[6][r] = tenure.ToString(inv);
            cells[7][r] = rng.NextDouble() < 0.08 ? null : spend.ToString("F2", inv);
            cells[8][r] = rng.NextDouble() < 0.12 ? null : satisfaction.ToString("F1", inv);
            cells[9][r] = card ? "yes" : "no";
            cells[10][r] = churned ? "yes" : "no";
            int plan = Pick(more, segment switch { "consumer" => [0.6, 0.3, 0.1], "small_business" => [0.2, 0.5, 0.3], _ => [0.05, 0.25, 0.7] });
            cells[11][r] = plans[plan];
            cells[12][r] = prices[plan];
            // Active until some day between signup and the table's end: sooner for churners.
            int span = Math.Max(0, (int)(end - signup).TotalDays - 1);
            double u2 = more.NextDouble();
            cells[13][r] = signup.AddDays((int)(span * (churned ? u2 * u2 : 1 - u2 * u2 * 0.3))).ToString("yyyy-MM-dd", inv);
        }
        return new RawTable("demo", Columns, cells);
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double Exponential(Random rng) => -Math.Log(1 - rng.NextDouble());

    private static int Pick(Random rng, double[] weights)
    {
        double u = rng.NextDouble();
        for (int i = 0; i < weights.Length; i++) { u -= weights[i]; if (u < 0) return i; }
        return weights.Length - 1;
    }
}
