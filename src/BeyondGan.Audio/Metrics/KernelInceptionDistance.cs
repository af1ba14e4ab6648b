using MathNet.Numerics.LinearAlgebra;

namespace BeyondGan.Audio.Metrics;

/// <summary>
/// Kernel Inception distance (Bińkowski et al. 2018): the unbiased estimate of MMD² between two feature sets with the cubic
/// polynomial kernel k(x, y) = (xᵀy / d + 1)³, averaged over random subsets of equal size (seeded); with its standard deviation.
/// The kernel assumes features of order 1 (Inception's pool features); give <c>scale</c> to divide features of another size by
/// a constant first (<see cref="RootMeanSquare"/> of the reference set makes xᵀx / d ≈ 1 there).
/// </summary>
public static class KernelInceptionDistance
{
    /// <summary>KID of <paramref name="a"/> against <paramref name="b"/> over <paramref name="subsets"/> subsets of up to <paramref name="subsetSize"/> rows each.</summary>
    public static (double Mean, double Std) Compute(IReadOnlyList<float[]> a, IReadOnlyList<float[]> b, int subsets = 50, int subsetSize = 1000, int seed = 0, double scale = 1)
    {
        int m = Math.Min(subsetSize, Math.Min(a.Count, b.Count));
        if (m < 2) return (double.NaN, double.NaN);
        int d = a[0].Length;
        var rng = new Random(seed);
        var values = new double[subsets];
        for (int s = 0; s < subsets; s++)
        {
            var x = Rows(a, Pick(a.Count, m, rng)) / scale;
            var y = Rows(b, Pick(b.Count, m, rng)) / scale;
            var kxx = Kernel(x, x, d);
            var kyy = Kernel(y, y, d);
            var kxy = Kernel(x, y, d);
            double sxx = kxx.RowSums().Sum() - kxx.Diagonal().Sum(), syy = kyy.RowSums().Sum() - kyy.Diagonal().Sum();
            values[s] = sxx / (m * (m - 1.0)) + syy / (m * (m - 1.0)) - 2 * kxy.RowSums().Sum() / ((double)m * m);
        }
        double mean = values.Average();
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, subsets - 1));
        return (mean, std);
    }

    /// <summary>√(E ‖x‖² / d) over <paramref name="rows"/>: the constant that brings them to the kernel's scale.</summary>
    public static double RootMeanSquare(IReadOnlyList<float[]> rows) =>
        Math.Sqrt(rows.Average(r => r.Sum(v => v * (double)v)) / rows[0].Length);

    private static int[] Pick(int n, int m, Random rng)
    {
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < m; i++) { int j = rng.Next(i, n); (order[i], order[j]) = (order[j], order[i]); }
        return order[..m];
    }

    private static Matrix<double> Rows(IReadOnlyList<float[]> rows, int[] pick) =>
        Matrix<double>.Build.Dense(pick.Length, rows[0].Length, (i, j) => rows[pick[i]][j]);

    private static Matrix<double> Kernel(Matrix<double> x, Matrix<double> y, int d) =>
        (x * y.Transpose()).Map(v => Math.Pow(v / d + 1, 3));
}
