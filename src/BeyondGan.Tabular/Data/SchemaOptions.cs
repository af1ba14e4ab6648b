namespace BeyondGan.Tabular.Data;

/// <summary>What the user told us about the columns, on top of inference.</summary>
public sealed record SchemaOptions
{
    /// <summary>Columns to model as categorical whatever their values look like (<c>--discrete</c>).</summary>
    public IReadOnlyCollection<string> Discrete { get; init; } = [];
    /// <summary>Columns to leave out (<c>--ignore</c>).</summary>
    public IReadOnlyCollection<string> Ignore { get; init; } = [];
    /// <summary>Explicit column schemas (a metadata file); they win over inference.</summary>
    public TableSchema? Metadata { get; init; }
    /// <summary>A categorical column with more levels than this is refused (unless <see cref="MaxCategories"/> is set).</summary>
    public int CategoryLimit { get; init; } = 500;
    /// <summary>Keep only the N−1 most frequent levels of each categorical column and bucket the rest as "other" (0 = off).</summary>
    public int MaxCategories { get; init; }
}
