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

    [Theory]
    // Adult's style: a space after each comma in text columns, "?" for missing.
    [InlineData("age,work,income\n39, State-gov, <=50K\n50, ?, >50K\n")]
    // Several missing tokens, one per column and mixed in a column; quoted fields, a quote inside, CRLF, semicolons.
    [InlineData("a;b;c;d\r\n1;NA;;x\r\n2; N/A ;\"p;q\";NaN\r\n3;null;r;None\r\n")]
    // Tabs around values, an empty last field, a quoted line break.
    [InlineData("k|v|w\n\t1\t|\"two\nlines\"|\n2|?| z \n")]
    public void Rows_are_written_back_exactly_as_they_were_read(string csv)
    {
        var t = TestTables.FromCsv(csv);
        var writer = new StringWriter();
        CsvTableWriter.Write(writer, t);
        Assert.Equal(csv, writer.ToString());
    }

    [Fact]
    public void Each_column_spells_new_cells_as_the_file_did()
    {
        var t = TestTables.FromCsv("n,work,score,flag\n1, Private,NA,\n2, ?,3.5,yes\n3, ?,NA,no\n4, Private, N/A,\n");
        Assert.Equal(new ColumnSpelling("work", " ", "", " ?"), t.Format.Of("work"));
        Assert.Equal("NA", t.Format.Of("score").Missing);      // the commonest of the column's two missing tokens
        Assert.Equal("", t.Format.Of("flag").Missing);
        Assert.Equal(" Self-emp", t.Format.Of("work").Render("Self-emp"));
        Assert.Equal(" ?", t.Format.Of("work").Render(null));
        // The cell written " N/A" is not what the column's spelling gives a missing value: it is kept as written.
        Assert.Equal(" N/A", t.Written(2, 3));
        Assert.Equal("NA", t.Written(2, 0));
    }

    [Fact]
    public void A_malformed_looking_row_keeps_its_values()
    {
        // A quote in the middle of an unquoted field is data (RFC 4180 mode): values come back, white space may not.
        var t = TestTables.FromCsv("a,b\nx \"y,  z\n");
        Assert.Equal("x \"y", t.Cells[0][0]);
        Assert.Equal("z", t.Cells[1][0]);
        var writer = new StringWriter();
        CsvTableWriter.Write(writer, t);
        Assert.Equal("z", TestTables.FromCsv(writer.ToString()).Cells[1][0]);
    }

    [Fact]
    public void A_file_written_by_parts_appears_only_when_committed()
    {
        var dir = Directory.CreateTempSubdirectory("bgan-writer-").FullName;
        try
        {
            var path = Path.Combine(dir, "out.csv");
            var t = TestTables.FromCsv("a,b\n1, x\n2, ?\n");
            using (var w = CsvTableWriter.Create(path, t.Columns, t.Format))
            {
                w.Write(t);
                w.Write(t.SelectRows([1]));
                Assert.Equal(3, w.RowsWritten);
                Assert.False(File.Exists(path));
                w.Commit();
            }
            Assert.Equal("a,b\n1, x\n2, ?\n2, ?\n", File.ReadAllText(path));
            using (var w = CsvTableWriter.Create(path, t.Columns, t.Format)) w.Write(t); // not committed: abandoned
            Assert.Equal("a,b\n1, x\n2, ?\n2, ?\n", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task Parquet_missing_tokens_stored_as_text_come_back_as_stored()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bgan-{Guid.NewGuid():N}.parquet");
        try
        {
            var rows = new[]
            {
                new ParquetTextRow { A = "?", B = "NA", C = null }, new ParquetTextRow { A = "x", B = "y", C = "z" },
                new ParquetTextRow { A = "?", B = "w", C = null },
            };
            await Parquet.Serialization.ParquetSerializer.SerializeAsync(rows, path);
            var t = TableReader.Read(path);
            Assert.Null(t.Cells[0][0]);
            Assert.Null(t.Cells[1][0]);
            Assert.Equal("?", t.Format.Of("A").Missing);
            Assert.Equal("NA", t.Format.Of("B").Missing);
            Assert.Equal("", t.Format.Of("C").Missing);
            var writer = new StringWriter();
            CsvTableWriter.Write(writer, t);
            Assert.Equal("A,B,C\n?,NA,\nx,y,z\n?,w,\n", writer.ToString());
        }
        finally { File.Delete(path); }
    }

    public sealed class ParquetTextRow
    {
        public string? A { get; set; }
        public string? B { get; set; }
        public string? C { get; set; }
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
