using System.Text.Json.Serialization;

namespace BeyondGan.Tabular.Data;

/// <summary>How one column is read and modelled.</summary>
/// <param name="Name">Column name as in the header.</param>
/// <param name="Kind">How the column is modelled.</param>
/// <param name="Format">For <see cref="ColumnKind.DateTime"/>: the .NET format string every value was written in.</param>
public sealed record ColumnSchema(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] ColumnKind Kind,
    [property: JsonPropertyName("format")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Format = null)
{
    /// <summary>True for one-hot modelled columns (categorical, boolean).</summary>
    [JsonIgnore] public bool IsDiscrete => Kind is ColumnKind.Categorical or ColumnKind.Boolean;
    /// <summary>True for columns modelled by mode-specific normalisation (continuous, integer, datetime).</summary>
    [JsonIgnore] public bool IsNumeric => Kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime;
}
