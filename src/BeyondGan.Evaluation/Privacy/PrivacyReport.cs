using BeyondGan.Tabular.Data;
using MathNet.Numerics.Statistics;

namespace BeyondGan.Evaluation.Privacy;

/// <summary>
/// Does the synthetic table copy or sit too close to real training rows? Distances are Gower's distance
/// (<see cref="GowerSpace"/>) over the modelled columns. The holdout — real rows the model never saw — gives the
/// baseline: synthetic rows should be no closer to the training rows than fresh real rows are.
/// </summary>
/// <param name="QueriedRows">Synthetic rows whose distances were measured (a seeded subsample of at most the query limit).</param>
/// <param name="ReferenceRows">Training rows searched.</param>
/// <param name="ExactCopies">Share of all synthetic rows equal to some training row in every modelled column.</param>
/// <param name="HoldoutExactCopies">The same share for holdout rows (NaN without a holdout): real tables repeat rows too.</param>
/// <param name="DcrSyntheticMedian">Median distance from a synthetic row to its closest training row (DCR).</param>
/// <param name="DcrSyntheticP05">5th percentile of that distance.</param>
/// <param name="DcrHoldoutMedian">Median DCR of holdout rows to the training rows (NaN without a holdout).</param>
/// <param name="DcrHoldoutP05">5th percentile of the holdout DCR.</param>
/// <param name="NndrSyntheticMedian">Median nearest-neighbour distance ratio (closest / second-closest training row) of synthetic rows; near 0 = singled out one real row. 0/0 counts as 1.</param>
/// <param name="NndrHoldoutMedian">The same for holdout rows.</param>
/// <param name="CloserToTrainShare">
/// Share of synthetic rows closer to a training row than to a holdout row, with as many training rows as holdout
/// rows searched (ties count ½). About 0.5 when the model generalises; near 1 when it memorises. NaN without a holdout.
/// </param>
/// <param name="SyntheticDcr">Every measured synthetic DCR (for the report's histogram).</param>
/// <param name="HoldoutDcr">Every measured holdout DCR (empty without a holdout).</param>
public sealed record PrivacyReport(int QueriedRows, int ReferenceRows, double ExactCopies, double HoldoutExactCopies,
    double DcrSyntheticMedian, double DcrSyntheticP05, double DcrHoldoutMedian, double DcrHoldoutP05,
    double NndrSyntheticMedian, double NndrHoldoutMedian, double CloserToTrainShare,
    IReadOnlyList<float> SyntheticDcr, IReadOnlyList<float> HoldoutDcr)
{
    /// <summary>Measures <paramref name="synthetic"/> against <paramref name="train"/>, with <paramref name="holdout"/> as the baseline when given.</summary>
    /// <param name="train">The real rows the model was trained on.</param>
    /// <param name="synthetic">The synthetic rows.</param>
    /// <param name="holdout">Real rows the model never saw, or null.</param>
    /// <param name="schema">Column types; identifier and ignored columns are left out.</param>
    /// <param name="queries">At most this many synthetic (and holdout) rows are measured.</param>
    /// <param name="references">At most this many training rows are searched.</param>
    /// <param name="seed">Seed of the subsamples.</param>
    public static PrivacyReport Compute(RawTable train, RawTable synthetic, RawTable? holdout, TableSchema schema,
        int queries = 5_000, int references = 50_000, int seed = 0)
    {
        var columns = schema.Columns.Where(c => (c.IsNumeric || c.IsDiscrete) && synthetic.IndexOf(c.Name) >= 0).ToList();
        var keys = RowKeys(train, columns).ToHashSet();
        double exact = Share(RowKeys(synthetic, columns), keys);
        double holdoutExact = holdout is null ? double.NaN : Share(RowKeys(holdout, columns), keys);

        var reference = RowSample.AtMost(train, references, seed);
        var space = new GowerSpace(reference, columns);
        var referenceRows = space.Encode(reference);
        var synQuery = space.Encode(RowSample.AtMost(synthetic, queries, seed + 1));
        var synNearest = NearestRecords.Find(space, synQuery, referenceRows);
        var synDcr = synNearest.Select(n => n.First).ToArray();

        float[] holdDcr = [];
        double nndrHoldout = double.NaN, closer = double.NaN;
        if (holdout is not null)
        {
            var holdQuery = space.Encode(RowSample.AtMost(holdout, queries, seed + 2));
            var holdNearest = NearestRecords.Find(space, holdQuery, referenceRows);
            holdDcr = holdNearest.Select(n => n.First).ToArray();
            nndrHoldout = holdNearest.Select(Ratio).Median();
            // Same number of training and holdout rows, so that "closer to train" is a fair coin for a model that generalises.
            int size = Math.Min(holdout.RowCount, Math.Min(train.RowCount, references));
            var toTrain = NearestRecords.Find(space, synQuery, space.Encode(RowSample.AtMost(train, size, seed + 3)));
            var toHoldout = NearestRecords.Find(space, synQuery, space.Encode(RowSample.AtMost(holdout, size, seed + 4)));
            closer = toTrain.Zip(toHoldout, (t, h) => t.First < h.First ? 1.0 : t.First == h.First ? 0.5 : 0.0).Average();
        }
        return new PrivacyReport(synDcr.Length, reference.RowCount, exact, holdoutExact,
            Quantile(synDcr, 0.5), Quantile(synDcr, 0.05), Quantile(holdDcr, 0.5), Quantile(holdDcr, 0.05),
            synNearest.Select(Ratio).Median(), nndrHoldout, closer, synDcr, holdDcr);
    }

    private static double Ratio((float First, float Second) n) => n.Second > 0 ? n.First / n.Second : 1.0;

    private static double Quantile(float[] values, double tau) =>
        values.Length == 0 ? double.NaN : values.Select(v => (double)v).Quantile(tau);

    private static double Share(IEnumerable<string> rows, HashSet<string> keys)
    {
        long n = 0, hits = 0;
        foreach (var key in rows) { n++; if (keys.Contains(key)) hits++; }
        return n == 0 ? 0 : (double)hits / n;
    }

    /// <summary>A key per row over <paramref name="columns"/>, with numbers in one canonical spelling (so 3 and 3.0 match).</summary>
    internal static IEnumerable<string> RowKeys(RawTable table, IReadOnlyList<ColumnSchema> columns)
    {
        var cells = columns.Select(c => c.IsNumeric
            ? Fidelity.ColumnValues.Numeric(table, c).Select(v => double.IsFinite(v) ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "\u0000").ToArray()
            : table.Column(c.Name).Select(v => v ?? "\u0000").ToArray()).ToArray();
        var key = new System.Text.StringBuilder();
        for (int r = 0; r < table.RowCount; r++)
        {
            key.Clear();
            foreach (var col in cells) key.Append(col[r]).Append('\u001f');
            yield return key.ToString();
        }
    }
}
