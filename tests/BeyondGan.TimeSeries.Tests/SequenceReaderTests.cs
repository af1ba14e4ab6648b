using BeyondGan.Tabular.Data;
using BeyondGan.TimeSeries.Data;

namespace BeyondGan.TimeSeries.Tests;

public sealed class SequenceReaderTests
{
    [Fact]
    public void A_panel_is_one_sequence_per_entity_sorted_by_time_with_static_attributes_inferred()
    {
        var table = SequenceReader.Read(Panels.Csv("id,t,kind,v\nb,3,x,1.5\na,2,y,0.5\na,1,y,0.25\nb,1,x,1\n"), new SequenceOptions { Time = "t", Entity = ["id"] });
        Assert.Equal(["b", "a"], table.Sequences.Select(s => s.Key));
        Assert.Equal(["1", "3"], table.Sequences[0].Rows.Select(r => table.Table.Column("t")[r]));
        Assert.Equal(["1", "2"], table.Sequences[1].Rows.Select(r => table.Table.Column("t")[r]));
        Assert.Equal(ColumnRole.Static, table.Schema.Find("kind")!.Role);
        Assert.Equal(ColumnRole.Feature, table.Schema.Find("v")!.Role);
        Assert.Equal(ColumnRole.Time, table.Schema.Find("t")!.Role);
    }

    [Fact]
    public void A_single_series_is_cut_into_windows_of_stride_one()
    {
        var table = SequenceReader.Read(Panels.Series(30), new SequenceOptions { Window = 24 });
        var windows = table.TrainingSequences();
        Assert.Equal(7, windows.Count);
        Assert.All(windows, w => Assert.Equal(24, w.Length));
        Assert.Equal(6, windows[6].Rows[0]);
    }

    [Theory]
    [InlineData("id,t,v\na,1,1\na,x,2\n", "panel.csv", "line 3", "column 't'")]
    [InlineData("id,t,v\na,1,1\na,1,2\n", "panel.csv", "two rows at t = 1", "line 3")]
    [InlineData("id,t,v\na,1,1\na,2,2\nb,1,3\n", "panel.csv", "entity 'b' has a single row", "line 4")]
    public void Bad_rows_are_named_by_file_line_and_column(string csv, string file, string part1, string part2)
    {
        var e = Assert.Throws<TabularDataException>(() => SequenceReader.Read(Panels.Csv(csv, file), new SequenceOptions { Time = "t", Entity = ["id"] }));
        Assert.Contains(file, e.Message);
        Assert.Contains(part1, e.Message);
        Assert.Contains(part2, e.Message);
    }

    [Fact]
    public void A_window_longer_than_the_series_and_an_unknown_column_are_refused()
    {
        var e = Assert.Throws<TabularDataException>(() => SequenceReader.Read(Panels.Series(10), new SequenceOptions { Window = 24 }));
        Assert.Contains("longer than the series (10 rows)", e.Message);
        e = Assert.Throws<TabularDataException>(() => SequenceReader.Read(Panels.Series(10), new SequenceOptions { Time = "when" }));
        Assert.Contains("no column 'when'", e.Message);
    }

    [Fact]
    public void A_static_column_that_varies_within_an_entity_is_refused_with_its_line()
    {
        var csv = "id,t,kind,v\na,1,x,1\na,2,y,2\nb,1,x,3\nb,2,x,4\n";
        var e = Assert.Throws<TabularDataException>(() => SequenceReader.Read(Panels.Csv(csv), new SequenceOptions { Time = "t", Entity = ["id"], Static = ["kind"] }));
        Assert.Contains("--static kind", e.Message);
        Assert.Contains("entity 'a'", e.Message);
        Assert.Contains("line 3", e.Message);
    }

    [Fact]
    public void A_time_column_that_is_neither_a_date_nor_a_number_is_refused()
    {
        var e = Assert.Throws<TabularDataException>(() => SequenceReader.Read(Panels.Csv("id,t,v\na,mon,1\na,tue,2\n"), new SequenceOptions { Time = "t", Entity = ["id"] }));
        Assert.Contains("cannot be the time column", e.Message);
    }
}
