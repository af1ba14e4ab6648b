using BeyondGan.Evaluation.Validity;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Evaluation.Tests;

public class ValidityTests
{
    [Fact]
    public void Out_of_range_unseen_mistyped_and_duplicate_values_are_counted_exactly()
    {
        var schema = new TableSchema([new("x", ColumnKind.Continuous), new("c", ColumnKind.Categorical), new("id", ColumnKind.Identifier)]);
        var real = new RawTable("real", ["x", "c", "id"], [["0", "5", "10", null], ["a", "b", "a", null], ["1", "2", "3", "4"]]);
        // Row 2: 11 is above the real max; row 3: "abc" is not a number; row 4: "z" is unseen; row 1 repeats row 0 (ids differ).
        var syn = new RawTable("syn", ["x", "c", "id", "extra"],
            [["1", "1", "11", "abc", "2"], ["a", "a", "b", "a", "z"], ["1", "2", "3", "4", "5"], ["q", "q", "q", "q", "q"]]);
        var v = ValidityReport.Compute(real, syn, schema);
        var x = v.Columns.Single(c => c.Column == "x");
        Assert.Equal(0.2, x.OutOfRange, 12);
        Assert.Equal(0.2, x.WrongType, 12);
        Assert.Equal(["11", "abc"], x.Examples);
        var c = v.Columns.Single(c => c.Column == "c");
        Assert.Equal(0.2, c.UnseenCategories, 12);
        Assert.Equal(["z"], c.Examples);
        Assert.Equal(0.4, v.ValidRows, 12);
        Assert.Equal(0.2, v.DuplicateRows, 12);
        Assert.Equal(0.0, v.RealDuplicateRows, 12);
        Assert.Equal(["extra"], v.ExtraColumns);
        Assert.Empty(v.MissingColumns);
        Assert.DoesNotContain(v.Columns, col => col.Column == "id");
    }

    [Fact]
    public void A_table_is_fully_valid_against_itself_and_missing_columns_are_reported()
    {
        var schema = new TableSchema([new("x", ColumnKind.Continuous), new("c", ColumnKind.Categorical)]);
        var real = new RawTable("real", ["x", "c"], [["0", "5", null], ["a", null, "b"]]);
        var self = ValidityReport.Compute(real, real, schema);
        Assert.Equal(1.0, self.ValidRows);
        var partial = ValidityReport.Compute(real, new RawTable("syn", ["x"], [["1", "2"]]), schema);
        Assert.Equal(["c"], partial.MissingColumns);
    }
}
