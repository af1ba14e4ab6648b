using BeyondGan.Evaluation.Fidelity;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Evaluation.Privacy;

/// <summary>
/// Gower's distance for mixed rows (Gower 1971): the mean over columns of |x − y| / range for numbers (clipped to 1)
/// and 0/1 mismatch for categories; a missing value is 0 from another missing value and 1 from anything else.
/// Rows are encoded once into a flat float matrix: numbers scaled by the reference table's range, categories as codes.
/// </summary>
public sealed class GowerSpace
{
    private readonly ColumnSchema[] columns;
    private readonly double[] min;
    private readonly double[] range;
    private readonly Dictionary<string, int>[] codes;

    /// <summary>The space of <paramref name="columns"/>, scaled by their ranges in <paramref name="reference"/>.</summary>
    public GowerSpace(RawTable reference, IEnumerable<ColumnSchema> columns)
    {
        this.columns = columns.Where(c => c.IsNumeric || c.IsDiscrete).ToArray();
        if (this.columns.Length == 0) throw new ArgumentException("No numeric or categorical columns to measure distances on.");
        IsNumeric = this.columns.Select(c => c.IsNumeric).ToArray();
        min = new double[this.columns.Length];
        range = new double[this.columns.Length];
        codes = this.columns.Select(_ => new Dictionary<string, int>()).ToArray();
        for (int j = 0; j < this.columns.Length; j++)
        {
            if (!IsNumeric[j]) continue;
            var values = ColumnValues.Numeric(reference, this.columns[j]).Where(double.IsFinite).ToArray();
            min[j] = values.Length > 0 ? values.Min() : 0;
            double r = values.Length > 0 ? values.Max() - min[j] : 0;
            range[j] = r > 0 ? r : 1;
        }
    }

    /// <summary>Number of columns (the width of an encoded row).</summary>
    public int Width => columns.Length;

    /// <summary>Per column: true for numbers, false for categories.</summary>
    public bool[] IsNumeric { get; }

    /// <summary>Encodes <paramref name="table"/> row by row (Width floats per row).</summary>
    public float[] Encode(RawTable table)
    {
        int p = columns.Length;
        var encoded = new float[table.RowCount * p];
        for (int j = 0; j < p; j++)
        {
            if (IsNumeric[j])
            {
                var values = ColumnValues.Numeric(table, columns[j]);
                for (int r = 0; r < values.Length; r++) encoded[r * p + j] = (float)((values[r] - min[j]) / range[j]);
            }
            else
            {
                var labels = ColumnValues.Categorical(table, columns[j]);
                var map = codes[j];
                for (int r = 0; r < labels.Length; r++)
                {
                    if (!map.TryGetValue(labels[r], out int code)) map[labels[r]] = code = map.Count;
                    encoded[r * p + j] = code;
                }
            }
        }
        return encoded;
    }

    /// <summary>Gower's distance between two encoded rows, or a value above <paramref name="bound"/> as soon as the sum exceeds it.</summary>
    public float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float bound = float.PositiveInfinity)
    {
        int p = a.Length;
        float limit = bound * p, sum = 0;
        for (int j = 0; j < p; j++)
        {
            float x = a[j], y = b[j];
            if (IsNumeric[j])
            {
                bool mx = float.IsNaN(x), my = float.IsNaN(y);
                sum += mx || my ? (mx && my ? 0 : 1) : Math.Min(Math.Abs(x - y), 1f);
            }
            else if (x != y) sum += 1;
            if (sum > limit) return sum / p;
        }
        return sum / p;
    }
}
