using System.Globalization;
using BeyondGan.Evaluation.Privacy;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Evaluation.Tests;

public class PrivacyTests
{
    private static readonly TableSchema Schema = new([new("x", ColumnKind.Continuous), new("c", ColumnKind.Categorical)]);

    private static RawTable Draw(int rows, int seed)
    {
        var rng = new Random(seed);
        var x = new string?[rows];
        var c = new string?[rows];
        for (int r = 0; r < rows; r++)
        {
            x[r] = (rng.NextDouble() * 100).ToString("F4", CultureInfo.InvariantCulture);
            c[r] = "k" + rng.Next(4);
        }
        return new RawTable($"draw{seed}", ["x", "c"], [x, c]);
    }

    [Fact]
    public void Gower_distance_matches_a_hand_computed_value()
    {
        var reference = new RawTable("r", ["x", "c"], [["0", "10", null], ["a", "b", "a"]]);
        var space = new GowerSpace(reference, Schema.Columns);
        var rows = space.Encode(new RawTable("q", ["x", "c"], [["2", "7", null, "2"], ["a", "b", "a", "a"]]));
        // |2 − 7| / 10 = 0.5 and a ≠ b → (0.5 + 1) / 2.
        Assert.Equal(0.75f, space.Distance(rows.AsSpan(0, 2), rows.AsSpan(2, 2)), 6);
        // Missing vs present counts 1, categories equal → 0.5.
        Assert.Equal(0.5f, space.Distance(rows.AsSpan(0, 2), rows.AsSpan(4, 2)), 6);
        Assert.Equal(0f, space.Distance(rows.AsSpan(0, 2), rows.AsSpan(6, 2)));
    }

    [Fact]
    public void Nearest_records_match_a_brute_force_search()
    {
        var reference = Draw(300, 1);
        var space = new GowerSpace(reference, Schema.Columns);
        var r = space.Encode(reference);
        var q = space.Encode(Draw(50, 2));
        var found = NearestRecords.Find(space, q, r);
        for (int i = 0; i < 50; i++)
        {
            var all = Enumerable.Range(0, 300).Select(j => space.Distance(q.AsSpan(i * 2, 2), r.AsSpan(j * 2, 2))).Order().ToArray();
            Assert.Equal(all[0], found[i].First, 6);
            Assert.Equal(all[1], found[i].Second, 6);
        }
    }

    [Fact]
    public void Copies_of_training_rows_are_flagged_and_fresh_draws_look_like_the_holdout()
    {
        var train = Draw(1000, 1);
        var holdout = Draw(1000, 2);
        var copied = PrivacyReport.Compute(train, train, holdout, Schema, queries: 400);
        Assert.Equal(1.0, copied.ExactCopies);
        Assert.Equal(0.0, copied.DcrSyntheticMedian);
        Assert.Equal(0.0, copied.NndrSyntheticMedian);
        Assert.True(copied.CloserToTrainShare > 0.6, $"closer-to-train {copied.CloserToTrainShare:F3}");
        var fresh = PrivacyReport.Compute(train, Draw(1000, 3), holdout, Schema, queries: 400);
        Assert.True(fresh.ExactCopies < 0.01);
        Assert.InRange(fresh.CloserToTrainShare, 0.4, 0.6);
        Assert.InRange(fresh.DcrSyntheticMedian / fresh.DcrHoldoutMedian, 0.7, 1.4);
        Assert.Equal(fresh, PrivacyReport.Compute(train, Draw(1000, 3), holdout, Schema, queries: 400) with { SyntheticDcr = fresh.SyntheticDcr, HoldoutDcr = fresh.HoldoutDcr });
        var noHoldout = PrivacyReport.Compute(train, Draw(1000, 3), null, Schema, queries: 400);
        Assert.True(double.IsNaN(noHoldout.CloserToTrainShare) && double.IsNaN(noHoldout.DcrHoldoutMedian));
    }
}
