using BeyondGan.Tabular.Data;

namespace BeyondGan.Evaluation.Fidelity;

/// <summary>One column's shape score.</summary>
public sealed record ColumnShapeScore(string Column, string Metric, double Score, double RealMissingRate, double SyntheticMissingRate);

/// <summary>One column pair's trend score.</summary>
public sealed record ColumnPairScore(string ColumnA, string ColumnB, string Metric, double Score);

/// <summary>
/// The SDMetrics Quality Report (REFERENCES §2): Column Shapes = mean of KSComplement (numeric, datetime) and
/// TVComplement (categorical, boolean); Column Pair Trends = mean of CorrelationSimilarity (numeric pairs) and
/// ContingencySimilarity (other pairs, numbers in 10 equal-width bins); Quality = mean of the two.
/// Identifier and ignored columns are left out.
/// </summary>
public sealed record QualityReport(double Quality, double ColumnShapes, double ColumnPairTrends,
    IReadOnlyList<ColumnShapeScore> Shapes, IReadOnlyList<ColumnPairScore> Pairs)
{
    /// <summary>Computes the report of <paramref name="synthetic"/> against <paramref name="real"/>.</summary>
    public static QualityReport Compute(RawTable real, RawTable synthetic, TableSchema schema, bool pairs = true)
    {
        var columns = schema.Columns.Where(c => c.IsNumeric || c.IsDiscrete).Where(c => synthetic.IndexOf(c.Name) >= 0).ToList();
        if (columns.Count == 0) throw new ArgumentException("No comparable columns between the real and the synthetic table.");
        var numR = new Dictionary<string, double[]>();
        var numS = new Dictionary<string, double[]>();
        var catR = new Dictionary<string, string[]>();
        var catS = new Dictionary<string, string[]>();
        var shapes = new List<ColumnShapeScore>();
        foreach (var c in columns)
        {
            double missR = real.Column(c.Name).Count(v => v is null) / (double)real.RowCount;
            double missS = synthetic.Column(c.Name).Count(v => v is null) / (double)synthetic.RowCount;
            if (c.IsNumeric)
            {
                numR[c.Name] = ColumnValues.Numeric(real, c);
                numS[c.Name] = ColumnValues.Numeric(synthetic, c);
                shapes.Add(new(c.Name, "KSComplement", KsComplement.Score(numR[c.Name], numS[c.Name]), missR, missS));
                var finite = numR[c.Name].Where(double.IsFinite).ToArray();
                double min = finite.Length > 0 ? finite.Min() : 0, max = finite.Length > 0 ? finite.Max() : 1;
                catR[c.Name] = ContingencySimilarity.Bin(numR[c.Name], min, max);
                catS[c.Name] = ContingencySimilarity.Bin(numS[c.Name], min, max);
            }
            else
            {
                catR[c.Name] = ColumnValues.Categorical(real, c);
                catS[c.Name] = ColumnValues.Categorical(synthetic, c);
                shapes.Add(new(c.Name, "TVComplement", TvComplement.Score(catR[c.Name], catS[c.Name]), missR, missS));
            }
        }
        var pairScores = new List<ColumnPairScore>();
        if (pairs)
        {
            var list = new List<(ColumnSchema A, ColumnSchema B)>();
            for (int i = 0; i < columns.Count; i++)
                for (int j = i + 1; j < columns.Count; j++) list.Add((columns[i], columns[j]));
            var results = new ColumnPairScore[list.Count];
            Parallel.For(0, list.Count, k =>
            {
                var (a, b) = list[k];
                results[k] = a.IsNumeric && b.IsNumeric
                    ? new(a.Name, b.Name, "CorrelationSimilarity", CorrelationSimilarity.Score(numR[a.Name], numR[b.Name], numS[a.Name], numS[b.Name]))
                    : new(a.Name, b.Name, "ContingencySimilarity", ContingencySimilarity.Score(catR[a.Name], catR[b.Name], catS[a.Name], catS[b.Name]));
            });
            pairScores.AddRange(results);
        }
        double shapeScore = shapes.Average(s => s.Score);
        double pairScore = pairScores.Count > 0 ? pairScores.Average(p => p.Score) : double.NaN;
        double quality = pairScores.Count > 0 ? (shapeScore + pairScore) / 2 : shapeScore;
        return new QualityReport(quality, shapeScore, pairScore, shapes, pairScores);
    }
}
