using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace BeyondGan.Statistics;

/// <summary>
/// The Fréchet distance between Gaussians fitted to two sets of embeddings (Heusel et al. 2017, Eq. 6 — the formula
/// of FID, Context-FID and FED): ‖μ_a − μ_b‖² + Tr(Σ_a + Σ_b − 2 (Σ_a Σ_b)^½).
/// </summary>
public static class FrechetDistance
{
    /// <summary>The distance between the rows of <paramref name="a"/> and of <paramref name="b"/>, with Tr((Σ_a Σ_b)^½) = Σ √λ(Σ_a^½ Σ_b Σ_a^½).</summary>
    public static double Compute(Matrix<double> a, Matrix<double> b)
    {
        if (a.ColumnCount != b.ColumnCount) throw new ArgumentException($"embeddings of {a.ColumnCount} and {b.ColumnCount} dimensions.");
        var (ma, ca) = Moments(a);
        var (mb, cb) = Moments(b);
        var evd = ca.Evd(Symmetricity.Symmetric);
        var sqrtA = evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(evd.EigenValues.Map(c => Math.Sqrt(Math.Max(0, c.Real)))) * evd.EigenVectors.Transpose();
        var middle = sqrtA * cb * sqrtA;
        middle = (middle + middle.Transpose()) / 2;
        double traceSqrt = middle.Evd(Symmetricity.Symmetric).EigenValues.Sum(c => Math.Sqrt(Math.Max(0, c.Real)));
        return (ma - mb).DotProduct(ma - mb) + ca.Trace() + cb.Trace() - 2 * traceSqrt;
    }

    /// <summary>The distance between two lists of embedding rows (each row one embedding, the same size in both).</summary>
    public static double Compute(IReadOnlyList<float[]> a, IReadOnlyList<float[]> b) =>
        Compute(Matrix<double>.Build.DenseOfRows(a.Select(r => r.Select(v => (double)v))), Matrix<double>.Build.DenseOfRows(b.Select(r => r.Select(v => (double)v))));

    private static (Vector<double> Mean, Matrix<double> Covariance) Moments(Matrix<double> m)
    {
        var mean = m.ColumnSums() / m.RowCount;
        var centred = m - Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (_, j) => mean[j]);
        return (mean, centred.TransposeThisAndMultiply(centred) / Math.Max(1, m.RowCount - 1));
    }
}
