using BeyondGan.Evaluation.Fidelity;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Demo;
using MathNet.Numerics.Statistics;

namespace BeyondGan.Evaluation.Tests;

/// <summary>
/// Our Quality Report against an independent, deliberately naive computation of the SDMetrics definitions
/// (O(n²) empirical CDFs, explicit counting, MathNet's Pearson). Runs on the embedded demo table always, and on the
/// real penguins table of ../shared/datasets when it is there (first half of the rows as "real", second as "synthetic").
/// </summary>
public class CrossCheckTests
{
    [Fact]
    public void Quality_report_matches_a_naive_computation_on_the_demo_table() =>
        Check(DemoTable.Generate(700, seed: 1), DemoTable.Generate(500, seed: 2));

    [Fact]
    public void Quality_report_matches_a_naive_computation_on_penguins()
    {
        var path = FindDataset("tabular/penguins.csv");
        if (path is null) return; // the shared datasets are not part of a clean clone
        var table = TableReader.Read(path);
        int half = table.RowCount / 2;
        Check(table.SelectRows(Enumerable.Range(0, half).ToArray()), table.SelectRows(Enumerable.Range(half, table.RowCount - half).ToArray()));
    }

    private static void Check(RawTable real, RawTable synthetic)
    {
        var schema = SchemaInference.Infer(real);
        var report = QualityReport.Compute(real, synthetic, schema);
        var columns = schema.Columns.Where(c => c.IsNumeric || c.IsDiscrete).ToList();
        var naiveShapes = new Dictionary<string, double>();
        foreach (var c in columns)
            naiveShapes[c.Name] = c.IsNumeric
                ? 1 - NaiveKs(Finite(real, c), Finite(synthetic, c))
                : 1 - NaiveTv(Labels(real, c), Labels(synthetic, c));
        foreach (var s in report.Shapes) Assert.Equal(naiveShapes[s.Column], s.Score, 10);
        var naivePairs = new List<double>();
        for (int i = 0; i < columns.Count; i++)
            for (int j = i + 1; j < columns.Count; j++)
            {
                var (a, b) = (columns[i], columns[j]);
                double expected;
                if (a.IsNumeric && b.IsNumeric)
                    expected = 1 - Math.Abs(NaivePearson(real, a, b) - NaivePearson(synthetic, a, b)) / 2;
                else
                {
                    var ra = Binned(real, real, a); var rb = Binned(real, real, b);
                    var sa = Binned(synthetic, real, a); var sb = Binned(synthetic, real, b);
                    expected = 1 - NaiveTv(ra.Zip(rb, (x, y) => x + "|" + y).ToArray(), sa.Zip(sb, (x, y) => x + "|" + y).ToArray());
                }
                var ours = report.Pairs.Single(p => p.ColumnA == a.Name && p.ColumnB == b.Name);
                Assert.Equal(expected, ours.Score, 10);
                naivePairs.Add(expected);
            }
        Assert.Equal((naiveShapes.Values.Average() + naivePairs.Average()) / 2, report.Quality, 10);
    }

    private static double[] Finite(RawTable t, ColumnSchema c) => ColumnValues.Numeric(t, c).Where(double.IsFinite).ToArray();
    private static string[] Labels(RawTable t, ColumnSchema c) => t.Column(c.Name).Select(v => v ?? "(missing)").ToArray();

    /// <summary>sup over every observed x of |F_a(x) − F_b(x)|, each ECDF by counting.</summary>
    private static double NaiveKs(double[] a, double[] b) =>
        a.Concat(b).Max(x => Math.Abs(a.Count(v => v <= x) / (double)a.Length - b.Count(v => v <= x) / (double)b.Length));

    private static double NaiveTv(string[] a, string[] b) =>
        0.5 * a.Concat(b).Distinct().Sum(k => Math.Abs(a.Count(v => v == k) / (double)a.Length - b.Count(v => v == k) / (double)b.Length));

    private static double NaivePearson(RawTable t, ColumnSchema a, ColumnSchema b)
    {
        var x = ColumnValues.Numeric(t, a);
        var y = ColumnValues.Numeric(t, b);
        var both = Enumerable.Range(0, x.Length).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).ToArray();
        double r = Correlation.Pearson(both.Select(i => x[i]), both.Select(i => y[i]));
        return double.IsNaN(r) ? 0 : r;
    }

    /// <summary>Numbers in 10 equal-width bins of the real range (ends clamped), categories as they are.</summary>
    private static string[] Binned(RawTable t, RawTable real, ColumnSchema c)
    {
        if (!c.IsNumeric) return Labels(t, c);
        var r = Finite(real, c);
        double min = r.Min(), width = (r.Max() - min) / 10;
        return ColumnValues.Numeric(t, c).Select(v => double.IsFinite(v) ? Math.Clamp((int)Math.Floor((v - min) / width), 0, 9).ToString() : "(missing)").ToArray();
    }

    private static string? FindDataset(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets", relative);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
