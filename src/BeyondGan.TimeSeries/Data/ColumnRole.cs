namespace BeyondGan.TimeSeries.Data;

/// <summary>What a column of a long-format table is to the sequences.</summary>
public enum ColumnRole
{
    /// <summary>The time of each row (<c>--time</c>): datetimes or numbers, sorted within each entity.</summary>
    Time,
    /// <summary>Part of the key naming an entity (<c>--entity</c>): one sequence per entity.</summary>
    Entity,
    /// <summary>Constant within each entity (inferred, or <c>--static</c>): an attribute of the entity.</summary>
    Static,
    /// <summary>Changes along the sequence.</summary>
    Feature,
    /// <summary>Left out (<c>--ignore</c>).</summary>
    Ignored,
}
