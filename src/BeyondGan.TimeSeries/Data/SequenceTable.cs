using BeyondGan.Tabular.Data;

namespace BeyondGan.TimeSeries.Data;

/// <summary>One entity's rows of a long-format table, in time order.</summary>
/// <param name="Key">The entity key as written (its columns' values joined by a comma; "" for a single series).</param>
/// <param name="Rows">Indices into <see cref="SequenceTable.Table"/>, sorted by time.</param>
public sealed record Sequence(string Key, int[] Rows)
{
    /// <summary>Number of rows (time steps).</summary>
    public int Length => Rows.Length;
}

/// <summary>
/// A long-format table read as sequences (<see cref="SequenceReader"/>): the rows as read, the schema of their columns,
/// one <see cref="Sequence"/> per entity (a single long series is one sequence, cut into windows for training), and
/// every row's time as a number (seconds since 1970 for datetimes; the row's place when there is no time column).
/// </summary>
public sealed class SequenceTable
{
    internal SequenceTable(RawTable table, SequenceSchema schema, IReadOnlyList<Sequence> sequences, double[] times)
    {
        Table = table;
        Schema = schema;
        Sequences = sequences;
        Times = times;
    }

    /// <summary>The rows as read (file order), with the file's spelling.</summary>
    public RawTable Table { get; }
    /// <summary>Each column's role and kind.</summary>
    public SequenceSchema Schema { get; }
    /// <summary>One sequence per entity, in the order the entities first appear (one for a single series).</summary>
    public IReadOnlyList<Sequence> Sequences { get; }
    /// <summary>Each row's time as a number (datetimes: seconds since 1970; no time column: the row's place).</summary>
    public double[] Times { get; }

    /// <summary>Where the table came from, for errors.</summary>
    public string Source => Table.Source;

    /// <summary>
    /// The training sequences: the entities' sequences for panel data, or every window of <see cref="SequenceSchema.Window"/>
    /// rows of a single series (stride 1, as the protocol cuts them).
    /// </summary>
    public IReadOnlyList<Sequence> TrainingSequences()
    {
        if (Schema.IsPanel) return Sequences;
        int window = Schema.Window ?? Sequences[0].Length;
        var rows = Sequences[0].Rows;
        return Enumerable.Range(0, rows.Length - window + 1).Select(i => new Sequence("", rows[i..(i + window)])).ToList();
    }

    /// <summary>The table of static attributes: one row per entity, the first row's values (they are constant within it).</summary>
    public RawTable Attributes()
    {
        var columns = Schema.Static.Select(c => c.Name).ToList();
        var cells = columns.Select(c => Sequences.Select(s => Table.Column(c)[s.Rows[0]]).ToArray()).ToList();
        return new RawTable(Table.Source, columns, cells, Sequences.Select(s => Table.Lines[s.Rows[0]]).ToArray(), Table.Format);
    }
}
