using System.Globalization;
using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Transform;

/// <summary>
/// Encodes a continuous, integer or datetime column by <see cref="ModeSpecificNormalizer"/>: [α (tanh), mode
/// one-hot (softmax)], plus a [present, missing] one-hot when the column has missing values, so that synthetic
/// data keeps the missing rate. Values that make up at least <see cref="PointMassShare"/> of a column (the zeros of
/// a capital-gain column, the commonest levels of a small integer scale) get a mode of their own that decodes to
/// exactly that value, as in CTAB-GAN's mixed-type encoder (Zhao et al. 2021, §3.3); the mixture models the rest. Decoded values are clamped to the training range, integers rounded, decimals and
/// date formats as in the input.
/// </summary>
public sealed class ContinuousEncoder : ColumnEncoder
{
    /// <summary>Datetimes are modelled as seconds since this instant (UTC).</summary>
    public static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private ModeSpecificNormalizer? normalizer;

    /// <summary>Smallest training value.</summary>
    [JsonPropertyName("min")] public required double Min { get; init; }
    /// <summary>Largest training value.</summary>
    [JsonPropertyName("max")] public required double Max { get; init; }
    /// <summary>Decimal places to write (−1 = shortest round-trip form).</summary>
    [JsonPropertyName("decimals")] public required int Decimals { get; init; }
    /// <summary>True when the training column had missing values (adds the missing indicator).</summary>
    [JsonPropertyName("has_missing")] public required bool HasMissing { get; init; }
    /// <summary>A value is a point mass when at least this share of the column's present values equal it.</summary>
    public const double PointMassShare = 0.1;

    /// <summary>Values with a mode of their own, decoded exactly (they come first in the mode one-hot).</summary>
    [JsonPropertyName("point_masses")] public double[] PointMasses { get; init; } = [];
    /// <summary>The fitted mixture's parameters.</summary>
    [JsonPropertyName("mixture")] public required MixtureParameters Mixture { get; init; }

    /// <summary>The normaliser built from <see cref="Mixture"/>.</summary>
    [JsonIgnore] public ModeSpecificNormalizer Normalizer => normalizer ??= new ModeSpecificNormalizer(Mixture.ToMixture());

    /// <inheritdoc />
    public override IReadOnlyList<OutputSpan> Spans => HasMissing
        ? [new(1, SpanActivation.Tanh), new(ModeCount, SpanActivation.Softmax), new(2, SpanActivation.Softmax)]
        : [new(1, SpanActivation.Tanh), new(ModeCount, SpanActivation.Softmax)];

    /// <summary>Size of the mode one-hot: point masses, then the mixture's kept modes.</summary>
    [JsonIgnore] public int ModeCount => PointMasses.Length + Normalizer.ModeCount;

    /// <summary>Fits the column; at most <paramref name="maxFitRows"/> values (a seeded subsample) go into the mixture.</summary>
    public static ContinuousEncoder Fit(RawTable table, ColumnSchema column, string?[] cells, int maxFitRows, int seed)
    {
        var values = new List<double>(cells.Length);
        int decimals = 0;
        bool missing = false;
        for (int r = 0; r < cells.Length; r++)
        {
            var cell = cells[r];
            if (cell is null) { missing = true; continue; }
            values.Add(Parse(table, column, cell, r));
            if (column.Kind == ColumnKind.Continuous && decimals >= 0)
            {
                int d = DecimalsOf(cell);
                decimals = d < 0 ? -1 : Math.Max(decimals, d);
            }
        }
        if (values.Count < 2) throw new TabularDataException(table.Source, "fewer than two values to learn from.", column: column.Name);
        var pointMasses = values.GroupBy(v => v).Where(g => g.Count() >= PointMassShare * values.Count)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(5).Select(g => g.Key).ToArray();
        var rest = values.Where(v => Array.IndexOf(pointMasses, v) < 0).ToArray();
        // The mixture models the values that are not point masses (all values if too few remain).
        var fitValues = rest.Length >= 2 ? rest : values.ToArray();
        if (fitValues.Length > maxFitRows)
        {
            var rng = new Random(seed);
            for (int i = 0; i < maxFitRows; i++)
            {
                int j = i + rng.Next(fitValues.Length - i);
                (fitValues[i], fitValues[j]) = (fitValues[j], fitValues[i]);
            }
            fitValues = fitValues[..maxFitRows];
        }
        var mixture = new BayesianGaussianMixture().Fit(fitValues);
        return new ContinuousEncoder
        {
            Column = column, Min = values.Min(), Max = values.Max(), Decimals = decimals, HasMissing = missing,
            PointMasses = pointMasses, Mixture = MixtureParameters.From(mixture),
        };
    }

    /// <inheritdoc />
    public override void Encode(RawTable table, string?[] cells, float[] matrix, int width, int offset, Random rng)
    {
        var n = Normalizer;
        int modes = ModeCount, masses = PointMasses.Length;
        // A missing value is encoded as a random present value, so the value part keeps the column's distribution.
        var present = HasMissing ? Enumerable.Range(0, cells.Length).Where(r => cells[r] is not null).ToArray() : [];
        for (int r = 0; r < cells.Length; r++)
        {
            long row = (long)r * width + offset;
            bool isMissing = cells[r] is null;
            if (isMissing && !HasMissing) throw new TabularDataException(table.Source, "a missing value, but the model's column had none.", table.Lines[r], Column.Name);
            int source = isMissing ? present[rng.Next(present.Length)] : r;
            double value = Parse(table, Column, cells[source]!, source);
            int mass = Array.IndexOf(PointMasses, value);
            var (alpha, mode) = mass >= 0 ? (0.0, mass) : n.Encode(value, rng);
            if (mass < 0) mode += masses;
            matrix[row] = (float)alpha;
            matrix[row + 1 + mode] = 1f;
            if (HasMissing) matrix[row + 1 + modes + (isMissing ? 1 : 0)] = 1f;
        }
    }

    /// <inheritdoc />
    public override string?[] Decode(float[] matrix, int rows, int width, int offset, long firstRow)
    {
        var n = Normalizer;
        int modes = ModeCount, masses = PointMasses.Length;
        var output = new string?[rows];
        for (int r = 0; r < rows; r++)
        {
            int row = r * width + offset;
            if (HasMissing && ArgMax(matrix, row + 1 + modes, 2) == 1) continue;
            int mode = ArgMax(matrix, row + 1, modes);
            double value = mode < masses ? PointMasses[mode] : Math.Clamp(n.Decode(matrix[row], mode - masses), Min, Max);
            output[r] = Format(value);
        }
        return output;
    }

    /// <summary>The number a cell stands for: the value, or for a datetime the seconds since 1970-01-01 (UTC).</summary>
    public static double Parse(RawTable table, ColumnSchema column, string cell, int row)
    {
        if (TryParse(column, cell, out var value)) return value;
        var expected = column.Kind == ColumnKind.DateTime ? $"a date in the format {column.Format}" : "a number";
        throw new TabularDataException(table.Source, $"'{cell}' is not {expected}.", table.Lines[row], column.Name);
    }

    /// <summary>The number a cell stands for (see <see cref="Parse"/>), or false if it is not one.</summary>
    public static bool TryParse(ColumnSchema column, string cell, out double value)
    {
        value = double.NaN;
        if (column.Kind == ColumnKind.DateTime)
        {
            if (!DateTime.TryParseExact(cell, column.Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)) return false;
            value = (t - Epoch).TotalSeconds;
            return true;
        }
        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Writes <paramref name="value"/> the way the input wrote this column.</summary>
    public string Format(double value) => Format(Column, Decimals, value);

    /// <summary>
    /// Writes <paramref name="value"/> as <paramref name="column"/> is written: integers rounded, dates in their format,
    /// other numbers with <paramref name="decimals"/> decimals (−1: round-trip notation).
    /// </summary>
    public static string Format(ColumnSchema column, int decimals, double value) => column.Kind switch
    {
        ColumnKind.Integer => Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture),
        ColumnKind.DateTime => Epoch.AddSeconds(Math.Round(value)).ToString(column.Format, CultureInfo.InvariantCulture),
        _ => decimals < 0 ? value.ToString("R", CultureInfo.InvariantCulture)
                          : Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture),
    };

    /// <summary>Decimals written in <paramref name="cell"/> (at most 10), or −1 for exponent notation.</summary>
    public static int DecimalsOf(string cell)
    {
        if (cell.Contains('e') || cell.Contains('E')) return -1;
        int dot = cell.IndexOf('.');
        return dot < 0 ? 0 : Math.Min(cell.Length - dot - 1, 10);
    }
}

/// <summary>The parameters of a fitted <see cref="BayesianGaussianMixture"/>, as saved in a model file.</summary>
public sealed record MixtureParameters(double[] Weights, double[] Means, double[] Variances, double[] Alpha, double[] Beta,
    double[] MeanPrecision, double[] DegreesOfFreedom)
{
    /// <summary>Captures a fitted mixture.</summary>
    public static MixtureParameters From(BayesianGaussianMixture m)
    {
        var (a, b, p, d) = m.VariationalParameters;
        return new(m.Weights, m.Means, m.Variances, a, b, p, d);
    }

    /// <summary>Rebuilds the mixture.</summary>
    public BayesianGaussianMixture ToMixture() =>
        BayesianGaussianMixture.FromParameters(Weights, Means, Variances, Alpha, Beta, MeanPrecision, DegreesOfFreedom);
}
