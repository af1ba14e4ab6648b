using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Tests;

public class CsvTableReaderTests
{
    [Fact]
    public void ReadsQuotedTrimmedCellsAndMissingTokens()
    {
        var t = TestTables.FromCsv("a, b ,c\n 1 ,\"x, y\", NA\n2,\"say \"\"hi\"\"\",?\n");
        Assert.Equal(["a", "b", "c"], t.Columns);
        Assert.Equal(2, t.RowCount);
        Assert.Equal("1", t.Cells[0][0]);
        Assert.Equal("x, y", t.Cells[1][0]);
        Assert.Equal("say \"hi\"", t.Cells[1][1]);
        Assert.Null(t.Cells[2][0]);
        Assert.Null(t.Cells[2][1]);
        Assert.Equal([2, 3], t.Lines);
    }

    [Fact]
    public void DetectsSemicolonDelimiter()
    {
        var t = TestTables.FromCsv("a;b\n1,5;x\n2,5;y\n");
        Assert.Equal(["a", "b"], t.Columns);
        Assert.Equal("1,5", t.Cells[0][0]);
    }

    [Fact]
    public void CustomMissingTokensReplaceTheDefaults()
    {
        var t = CsvTableReader.Read(new StringReader("a,b\n-,NA\n1,2\n"), "m.csv", missing: new MissingValues(["-"]));
        Assert.Null(t.Cells[0][0]);
        Assert.Equal("NA", t.Cells[1][0]);
    }

    [Fact]
    public void RaggedRowNamesFileAndLine()
    {
        var e = Assert.Throws<TabularDataException>(() => TestTables.FromCsv("a,b\n1,2\n3\n4,5\n", "data.csv"));
        Assert.Equal("data.csv, line 3: this row has 1 fields but the header has 2.", e.Message);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("a,b\n", "header but no data rows")]
    [InlineData("a,a\n1,2\n", "names column 'a' twice")]
    [InlineData("a,,c\n1,2,3\n", "header field 2 is empty")]
    public void RefusesUnusableFiles(string csv, string expected)
    {
        var e = Assert.Throws<TabularDataException>(() => TestTables.FromCsv(csv, "bad.csv"));
        Assert.StartsWith("bad.csv", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void MissingFileIsAClearError()
    {
        var e = Assert.Throws<FileNotFoundException>(() => TableReader.Read("/nonexistent/x.csv"));
        Assert.Equal("/nonexistent/x.csv: file not found.", e.Message);
    }

    [Fact]
    public void WriterRoundTripsQuotingAndMissing()
    {
        var t = TestTables.FromCsv("a,b\n\"x, y\",\n\"q\"\"uote\",2\n");
        var writer = new StringWriter();
        CsvTableWriter.Write(writer, t);
        Assert.Equal("a,b\n\"x, y\",\n\"q\"\"uote\",2\n", writer.ToString());
        var back = TestTables.FromCsv(writer.ToString());
        Assert.Equal(t.Cells[0], back.Cells[0]);
        Assert.Equal(t.Cells[1], back.Cells[1]);
    }

    [Fact]
    public async Task ReadsParquet()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bgan-{Guid.NewGuid():N}.parquet");
        try
        {
            var rows = new[] { new ParquetRow { Age = 30, Name = "ann", Score = 1.5 }, new ParquetRow { Age = 41, Name = null, Score = 2.25 } };
            await Parquet.Serialization.ParquetSerializer.SerializeAsync(rows, path);
            var t = TableReader.Read(path);
            Assert.Equal(["Age", "Name", "Score"], t.Columns);
            Assert.Equal(new string?[] { "30", "41" }, t.Column("Age").AsEnumerable());
            Assert.Equal(new string?[] { "ann", null }, t.Column("Name").AsEnumerable());
            Assert.Equal(new string?[] { "1.5", "2.25" }, t.Column("Score").AsEnumerable());
        }
        finally { File.Delete(path); }
    }

    public sealed class ParquetRow
    {
        public int Age { get; set; }
        public string? Name { get; set; }
        public double Score { get; set; }
    }
}
