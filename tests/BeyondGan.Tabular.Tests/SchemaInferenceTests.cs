using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Tests;

public class SchemaInferenceTests
{
    private static string Csv(int rows, Func<int, string> row, string header) =>
        header + "\n" + string.Join("\n", Enumerable.Range(0, rows).Select(row)) + "\n";

    [Fact]
    public void InfersEveryKind()
    {
        var csv = Csv(30, i => $"{i + 1},{i % 7},{i * 0.5:F1},{(i % 3 == 0 ? "red" : "blue")},{(i % 2 == 0 ? "Yes" : "No")},2024-01-{i % 28 + 1:D2},u{i:D3}",
            "id,small,real,colour,ok,day,code");
        var s = SchemaInference.Infer(TestTables.FromCsv(csv));
        Assert.Equal([ColumnKind.Identifier, ColumnKind.Integer, ColumnKind.Continuous, ColumnKind.Categorical, ColumnKind.Boolean, ColumnKind.DateTime, ColumnKind.Identifier],
            s.Columns.Select(c => c.Kind));
        Assert.Equal("yyyy-MM-dd", s.Find("day")!.Format);
    }

    [Fact]
    public void OverridesWin()
    {
        var csv = Csv(30, i => $"{i % 5},{i},{i}", "level,a,b");
        var metadata = new TableSchema([new ColumnSchema("b", ColumnKind.Continuous)]);
        var s = SchemaInference.Infer(TestTables.FromCsv(csv), new SchemaOptions { Discrete = ["level"], Ignore = ["a"], Metadata = metadata });
        Assert.Equal([ColumnKind.Categorical, ColumnKind.Ignored, ColumnKind.Continuous], s.Columns.Select(c => c.Kind));
    }

    [Fact]
    public void TextInAColumnDeclaredNumericNamesLineAndColumn()
    {
        var csv = "a,b\n1,x\n2,oops\n3,y\n";
        var metadata = new TableSchema([new ColumnSchema("b", ColumnKind.Continuous)]);
        var e = Assert.Throws<TabularDataException>(() => SchemaInference.Infer(TestTables.FromCsv(csv, "t.csv"), new SchemaOptions { Metadata = metadata }));
        Assert.Equal("t.csv, line 2, column 'b': 'x' is not a number, but the column is continuous.", e.Message);
    }

    [Theory]
    [InlineData("a,b\n1,\n2,\n3,\n", "column 'b': every value is missing")]
    [InlineData("a,b\n1,k\n2,k\n3,k\n", "column 'b': every row has the same value 'k'")]
    public void UnlearnableColumnsAreRefusedWithAHint(string csv, string expected)
    {
        var e = Assert.Throws<TabularDataException>(() => SchemaInference.Infer(TestTables.FromCsv(csv)));
        Assert.Contains(expected, e.Message);
        Assert.Contains("--ignore b", e.Message);
    }

    [Fact]
    public void HighCardinalityIsRefusedUnlessCapped()
    {
        var csv = Csv(40, i => $"{i % 3},c{i % 12}", "a,cat");
        var table = TestTables.FromCsv(csv);
        var e = Assert.Throws<TabularDataException>(() => SchemaInference.Infer(table, new SchemaOptions { CategoryLimit = 10 }));
        Assert.Contains("12 categories is more than the limit of 10", e.Message);
        Assert.Contains("--max-categories", e.Message);
        var s = SchemaInference.Infer(table, new SchemaOptions { CategoryLimit = 10, MaxCategories = 5 });
        Assert.Equal(ColumnKind.Categorical, s.Find("cat")!.Kind);
    }

    [Fact]
    public void UnknownColumnInOptionsIsAnError()
    {
        var e = Assert.Throws<TabularDataException>(() => SchemaInference.Infer(TestTables.FromCsv("a,b\n1,2\n3,4\n"), new SchemaOptions { Ignore = ["zz"] }));
        Assert.Contains("unknown column 'zz'", e.Message);
    }

    [Fact]
    public void SchemaJsonRoundTrips()
    {
        var s = new TableSchema([new ColumnSchema("d", ColumnKind.DateTime, "dd/MM/yyyy"), new ColumnSchema("x", ColumnKind.Integer)]);
        var back = TableSchema.FromJson(s.ToJson(), "s.json");
        Assert.Equal(s.Columns, back.Columns);
        Assert.Throws<TabularDataException>(() => TableSchema.FromJson("{ not json", "s.json"));
    }
}
