using System.Globalization;
using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;
using BeyondGan.TimeSeries.Data;

namespace BeyondGan.TimeSeries.Model;

/// <summary>
/// What a panel's entities are, one row each: their static attributes (as the input spells them), their sequence's
/// length and its first time. A tabular GAN learns this table (with exact conditions and the rules it obeys); the
/// sequence GAN learns each sequence given its entity's row — p(entity) · p(sequence | entity).
/// </summary>
public sealed record EntityTable
{
    /// <summary>The column holding each sequence's length.</summary>
    [JsonPropertyName("length_column")] public required string LengthColumn { get; init; }
    /// <summary>The column holding each sequence's first time (null without a time column).</summary>
    [JsonPropertyName("start_column")] public string? StartColumn { get; init; }
    /// <summary>The static attributes, in the file's order.</summary>
    [JsonPropertyName("static")] public required IReadOnlyList<string> Static { get; init; }
    /// <summary>Columns of the entity table that hold one value in every row (not modelled; every entity gets it).</summary>
    [JsonPropertyName("constants")] public IReadOnlyDictionary<string, string?> Constants { get; init; } = new Dictionary<string, string?>();

    /// <summary>The columns of <see cref="Rows"/>, in order.</summary>
    [JsonIgnore] public IReadOnlyList<string> Columns => Static.Append(LengthColumn).Concat(StartColumn is null ? [] : [StartColumn]).ToList();

    /// <summary>This table with its constant columns (in <paramref name="rows"/>) recorded as <see cref="Constants"/>.</summary>
    public EntityTable WithConstantsOf(RawTable rows) => this with
    {
        Constants = rows.Columns.Select((c, i) => (c, Cells: rows.Cells[i])).Where(p => p.Cells.Distinct().Count() == 1)
            .ToDictionary(p => p.c, p => p.Cells[0]),
    };

    /// <summary><paramref name="rows"/> without the constant columns: what the entity model learns.</summary>
    public RawTable Modelled(RawTable rows)
    {
        var keep = rows.Columns.Where(c => !Constants.ContainsKey(c)).ToList();
        return new RawTable(rows.Source, keep, keep.Select(rows.Column).ToList(), rows.Lines, rows.Format);
    }

    /// <summary>The schema of <see cref="Modelled"/> rows.</summary>
    public TableSchema ModelledSchema(SequenceSchema schema) => new(Schema(schema).Columns.Where(c => !Constants.ContainsKey(c.Name)).ToList());

    /// <summary>Sampled rows of the modelled columns (null when none is modelled) completed with the constants, <paramref name="count"/> rows.</summary>
    public RawTable Complete(RawTable? sampled, int count)
    {
        var columns = Columns;
        var cells = columns.Select(c => Constants.TryGetValue(c, out var v) ? Enumerable.Repeat(v, count).ToArray() : sampled!.Column(c)).ToList();
        return new RawTable("synthetic", columns, cells);
    }

    /// <summary>Names the length and start columns so that they differ from every column of <paramref name="schema"/>.</summary>
    public static EntityTable For(SequenceSchema schema)
    {
        string Fresh(string name)
        {
            string fresh = name;
            for (int i = 2; schema.Find(fresh) is not null; i++) fresh = $"{name} {i}";
            return fresh;
        }
        return new EntityTable
        {
            LengthColumn = Fresh("length"),
            StartColumn = schema.Time is null ? null : Fresh("start"),
            Static = schema.Static.Select(c => c.Name).ToList(),
        };
    }

    /// <summary>The entity rows of <paramref name="table"/>: attributes, length, first time (written as the time column writes times).</summary>
    public RawTable Rows(SequenceTable table)
    {
        var columns = Columns;
        var cells = Static.Select(c => table.Sequences.Select(s => table.Table.Column(c)[s.Rows[0]]).ToArray()).ToList();
        cells.Add(table.Sequences.Select(s => (string?)s.Length.ToString(CultureInfo.InvariantCulture)).ToArray());
        if (StartColumn is not null) cells.Add(table.Sequences.Select(s => table.Table.Column(table.Schema.Time!.Name)[s.Rows[0]]).ToArray());
        var format = table.Table.Format with
        {
            Columns = table.Table.Format.Columns.Where(kv => Static.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value),
        };
        return new RawTable(table.Source, columns, cells, table.Sequences.Select(s => table.Table.Lines[s.Rows[0]]).ToArray(), format);
    }

    /// <summary>The schema of <see cref="Rows"/>: the static columns' kinds, an integer length, the time column's kind for the start.</summary>
    public TableSchema Schema(SequenceSchema schema)
    {
        var columns = Static.Select(c => schema.Find(c)!.Schema).ToList();
        columns.Add(new ColumnSchema(LengthColumn, ColumnKind.Integer));
        if (StartColumn is not null) columns.Add(schema.Time!.Schema with { Name = StartColumn });
        return new TableSchema(columns);
    }

    /// <summary>Each row's length (clamped to 1…<paramref name="maxLength"/>).</summary>
    public int[] Lengths(RawTable rows, int maxLength) => rows.Column(LengthColumn)
        .Select(c => c is not null && double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? Math.Clamp((int)Math.Round(v), 1, maxLength) : maxLength)
        .ToArray();

    /// <summary>Each row's first time as a number (NaN when missing).</summary>
    public double[] Starts(RawTable rows, ColumnSchema time) =>
        StartColumn is null ? new double[rows.RowCount]
        : rows.Column(StartColumn).Select(c => c is not null && ContinuousEncoder.TryParse(time with { Name = StartColumn }, c, out var v) ? v : double.NaN).ToArray();
}
