using System.Text.Json;
using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Rules;

/// <summary>
/// The rules of a table, as <c>tabular schema --rules-json</c> writes them and <c>tabular fit --rules</c> reads them
/// (an edited list: delete what should not be kept; mappings and offsets may be left out, they are learnt again from
/// the training table).
/// </summary>
public sealed record RuleSet([property: JsonPropertyName("rules")] IReadOnlyList<TableRule> Rules)
{
    /// <summary>No rules.</summary>
    public static readonly RuleSet None = new([]);

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The rules as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses rules JSON; <paramref name="source"/> names the file in errors.</summary>
    public static RuleSet FromJson(string json, string source)
    {
        try
        {
            var set = JsonSerializer.Deserialize<RuleSet>(json, Json);
            if (set?.Rules is null) throw new TabularDataException(source, "expected a JSON object with a \"rules\" array.");
            if (set.Rules.Any(r => r is null)) throw new TabularDataException(source, "every rule must be an object with a \"rule\" kind.");
            return set;
        }
        catch (JsonException e)
        {
            throw new TabularDataException(source, $"invalid rules JSON: {e.Message.ReplaceLineEndings(" ")}", e.LineNumber + 1);
        }
        catch (NotSupportedException e)
        {
            throw new TabularDataException(source, $"invalid rules JSON (every rule needs \"rule\": determines, missing, order, sum or range first): {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>Reads a rules file.</summary>
    public static RuleSet Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        return FromJson(File.ReadAllText(path), path);
    }

    /// <summary>Throws a clear error (naming <paramref name="source"/>) for a rule about a column the schema does not model, or of the wrong kind.</summary>
    public void Validate(TableSchema schema, string source)
    {
        foreach (var rule in Rules)
        {
            foreach (var name in rule.Columns)
                if (schema.Find(name) is not { Kind: not ColumnKind.Ignored })
                    throw new TabularDataException(source, $"the rule \"{rule.Describe()}\" names '{name}', which is not a modelled column (columns: {string.Join(", ", schema.Columns.Where(c => c.Kind != ColumnKind.Ignored).Select(c => c.Name))}).");
            if (rule.Columns.Distinct().Count() != rule.Columns.Count)
                throw new TabularDataException(source, $"the rule \"{rule.Describe()}\" names a column twice.");
            string? problem = rule switch
            {
                FunctionalDependency fd when !RuleDiscovery.CanDetermine(schema.Find(fd.Determinant)!) =>
                    $"'{fd.Determinant}' cannot determine another column: a determinant must be categorical, boolean or integer",
                OrderRelation o when !SameFamily(schema.Find(o.Lower)!, schema.Find(o.Upper)!) =>
                    $"'{o.Lower}' and '{o.Upper}' must both be numbers or both datetimes",
                LinearIdentity s when s.Columns.Any(c => schema.Find(c)!.Kind is not (ColumnKind.Integer or ColumnKind.Continuous)) =>
                    "every column of a sum must be a number column",
                LinearIdentity { Terms.Count: 0 } => "a sum needs at least one term",
                ValueRange v when !schema.Find(v.Column)!.IsNumeric => $"'{v.Column}' is not a number or datetime column",
                _ => null,
            };
            if (problem is not null) throw new TabularDataException(source, $"the rule \"{rule.Describe()}\": {problem}.");
        }
    }

    internal static bool SameFamily(ColumnSchema a, ColumnSchema b) =>
        (a.Kind == ColumnKind.DateTime) == (b.Kind == ColumnKind.DateTime) && a.IsNumeric && b.IsNumeric;
}
