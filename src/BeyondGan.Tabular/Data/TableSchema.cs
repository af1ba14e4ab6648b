using System.Text.Json;
using System.Text.Json.Serialization;

namespace BeyondGan.Tabular.Data;

/// <summary>The schema of a table: one <see cref="ColumnSchema"/> per column, in file order. Serialises to the JSON
/// that <c>beyondgan tabular schema --json</c> writes and <c>--metadata</c> reads.</summary>
public sealed record TableSchema([property: JsonPropertyName("columns")] IReadOnlyList<ColumnSchema> Columns)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The schema of the column called <paramref name="name"/>, or null.</summary>
    public ColumnSchema? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>The schema as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses schema JSON; <paramref name="source"/> names the file in errors.</summary>
    public static TableSchema FromJson(string json, string source)
    {
        try
        {
            var schema = JsonSerializer.Deserialize<TableSchema>(json, Json);
            if (schema?.Columns is null) throw new TabularDataException(source, "expected a JSON object with a \"columns\" array.");
            foreach (var c in schema.Columns)
                if (string.IsNullOrEmpty(c.Name)) throw new TabularDataException(source, "every column entry needs a \"name\".");
            return schema;
        }
        catch (JsonException e)
        {
            throw new TabularDataException(source, $"invalid schema JSON: {e.Message.ReplaceLineEndings(" ")}", e.LineNumber + 1);
        }
    }

    /// <summary>Reads a schema (metadata) file.</summary>
    public static TableSchema Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        return FromJson(File.ReadAllText(path), path);
    }
}
