namespace BeyondGan.TimeSeries.Data;

/// <summary>What the user says about a long-format table's columns (<c>--time</c>, <c>--entity</c>, <c>--static</c>, …).</summary>
public sealed record SequenceOptions
{
    /// <summary>The time column (datetimes or numbers); null: the file's row order is the time order.</summary>
    public string? Time { get; init; }
    /// <summary>The entity key columns (one sequence per entity); empty: one long series cut into windows.</summary>
    public IReadOnlyList<string> Entity { get; init; } = [];
    /// <summary>Columns that are attributes of the entity (constant within it); null: inferred.</summary>
    public IReadOnlyList<string>? Static { get; init; }
    /// <summary>Columns to model as categorical whatever their values look like.</summary>
    public IReadOnlyCollection<string> Discrete { get; init; } = [];
    /// <summary>Columns to leave out.</summary>
    public IReadOnlyCollection<string> Ignore { get; init; } = [];
    /// <summary>
    /// Read the columns as this schema types them and take its static attributes, instead of inferring (a synthetic table
    /// read as its real one was, so a column that happens to be constant in a small draw is still read).
    /// </summary>
    public SequenceSchema? Like { get; init; }
    /// <summary>Window length for a single series (the protocol's 24 by default); stride 1.</summary>
    public int Window { get; init; } = 24;
    /// <summary>A categorical column with more levels than this is refused.</summary>
    public int CategoryLimit { get; init; } = 500;
}
