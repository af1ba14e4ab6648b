using System.Text.Json;
using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.TimeSeries.Data;

/// <summary>
/// How a long-format table holds sequences: every column with its role (time, entity, static, feature, ignored) in the
/// file's order, and for a single long series (no entity) the window length it is cut into.
/// </summary>
/// <param name="Columns">Every column, in the file's order.</param>
/// <param name="Window">Window length for a single series (null for panel data: one sequence per entity).</param>
public sealed record SequenceSchema(
    [property: JsonPropertyName("columns")] IReadOnlyList<SequenceColumn> Columns,
    [property: JsonPropertyName("window")] int? Window)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The time column, or null (the file's row order is the time order).</summary>
    [JsonIgnore] public SequenceColumn? Time => Columns.FirstOrDefault(c => c.Role == ColumnRole.Time);
    /// <summary>The entity key columns (none for a single series).</summary>
    [JsonIgnore] public IReadOnlyList<SequenceColumn> Entity => Columns.Where(c => c.Role == ColumnRole.Entity).ToList();
    /// <summary>The static attributes.</summary>
    [JsonIgnore] public IReadOnlyList<SequenceColumn> Static => Columns.Where(c => c.Role == ColumnRole.Static).ToList();
    /// <summary>The time-varying features.</summary>
    [JsonIgnore] public IReadOnlyList<SequenceColumn> Features => Columns.Where(c => c.Role == ColumnRole.Feature).ToList();
    /// <summary>True for panel data (an entity key).</summary>
    [JsonIgnore] public bool IsPanel => Columns.Any(c => c.Role == ColumnRole.Entity);

    /// <summary>The column called <paramref name="name"/>, or null.</summary>
    public SequenceColumn? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>The schema as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses schema JSON written by <see cref="ToJson"/>.</summary>
    public static SequenceSchema FromJson(string json) =>
        JsonSerializer.Deserialize<SequenceSchema>(json, Json) ?? throw new InvalidDataException("empty sequence schema");
}
