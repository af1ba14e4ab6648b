using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.TimeSeries.Data;

/// <summary>One column of a long-format table: its role in the sequences and how its values are read.</summary>
/// <param name="Schema">The column's name and kind (integer, continuous, categorical, boolean, datetime, identifier).</param>
/// <param name="Role">Its role.</param>
public sealed record SequenceColumn(
    [property: JsonPropertyName("schema")] ColumnSchema Schema,
    [property: JsonPropertyName("role")] ColumnRole Role)
{
    /// <summary>The column's name.</summary>
    [JsonIgnore] public string Name => Schema.Name;
}
