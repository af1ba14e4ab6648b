using System.Globalization;
using System.Text.RegularExpressions;

namespace BeyondGan.Tabular.Data;

/// <summary>
/// Infers each column's <see cref="ColumnKind"/> from its values, applying the user's overrides first. Numbers
/// (invariant culture) become integer or continuous, two-valued flags boolean, values that all parse in one date
/// format datetime, unique strings (or unique integers named like an id) identifiers, the rest categorical.
/// </summary>
public static partial class SchemaInference
{
    /// <summary>Date and time formats tried, most specific first.</summary>
    public static readonly IReadOnlyList<string> DateTimeFormats =
    [
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd",
        "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy", "MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy", "dd.MM.yyyy", "dd-MMM-yyyy",
    ];

    private static readonly (string A, string B)[] BooleanPairs =
        [("true", "false"), ("yes", "no"), ("y", "n"), ("t", "f"), ("0", "1")];

    /// <summary>Infers the schema of <paramref name="table"/>.</summary>
    public static TableSchema Infer(RawTable table, SchemaOptions? options = null)
    {
        options ??= new SchemaOptions();
        foreach (var name in options.Discrete.Concat(options.Ignore).Concat(options.Metadata?.Columns.Select(c => c.Name) ?? []))
            if (table.IndexOf(name) < 0)
                throw new TabularDataException(table.Source, $"unknown column '{name}' in the options (columns: {string.Join(", ", table.Columns)}).");
        var columns = new List<ColumnSchema>();
        for (int i = 0; i < table.Columns.Count; i++)
        {
            var name = table.Columns[i];
            ColumnSchema schema;
            if (options.Ignore.Contains(name)) schema = new ColumnSchema(name, ColumnKind.Ignored);
            else if (options.Metadata?.Find(name) is { } given) schema = given;
            else if (options.Discrete.Contains(name)) schema = new ColumnSchema(name, ColumnKind.Categorical);
            else schema = InferColumn(name, table.Cells[i], table.RowCount);
            if (schema.Kind != ColumnKind.Ignored) Check(table, i, schema, options);
            columns.Add(schema);
        }
        if (columns.All(c => c.Kind is ColumnKind.Ignored or ColumnKind.Identifier))
            throw new TabularDataException(table.Source, "no column is left to model (all are ignored or identifiers).");
        return new TableSchema(columns);
    }

    /// <summary>Infers the kind of one column from its non-missing values.</summary>
    public static ColumnSchema InferColumn(string name, IReadOnlyList<string?> cells, int rowCount)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        int present = 0;
        foreach (var c in cells) if (c is not null) { present++; distinct.Add(c); }
        if (present == 0) return new ColumnSchema(name, ColumnKind.Categorical);
        if (distinct.Count == 2)
        {
            var lower = distinct.Select(d => d.ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray();
            foreach (var (a, b) in BooleanPairs)
                if (lower.SequenceEqual(new[] { a, b }.Order(StringComparer.Ordinal))) return new ColumnSchema(name, ColumnKind.Boolean);
        }
        bool allUnique = distinct.Count == present && present >= 20;
        if (distinct.All(IsNumber))
        {
            bool integer = distinct.All(IsInteger);
            if (integer && allUnique && IdLikeName().IsMatch(name)) return new ColumnSchema(name, ColumnKind.Identifier);
            return new ColumnSchema(name, integer ? ColumnKind.Integer : ColumnKind.Continuous);
        }
        foreach (var format in DateTimeFormats)
            if (distinct.All(d => DateTime.TryParseExact(d, format, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)))
                return new ColumnSchema(name, ColumnKind.DateTime, format);
        if (allUnique) return new ColumnSchema(name, ColumnKind.Identifier);
        return new ColumnSchema(name, ColumnKind.Categorical);
    }

    /// <summary>Checks that every value of column <paramref name="index"/> fits <paramref name="schema"/>, that the column is usable.</summary>
    private static void Check(RawTable table, int index, ColumnSchema schema, SchemaOptions options)
    {
        var cells = table.Cells[index];
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (int r = 0; r < cells.Length; r++)
        {
            var v = cells[r];
            if (v is null) continue;
            distinct.Add(v);
            bool ok = schema.Kind switch
            {
                ColumnKind.Continuous => IsNumber(v),
                ColumnKind.Integer => IsNumber(v),
                ColumnKind.DateTime => schema.Format is not null && DateTime.TryParseExact(v, schema.Format, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
                _ => true,
            };
            if (!ok)
            {
                var expected = schema.Kind == ColumnKind.DateTime ? $"a date in the format {schema.Format ?? "(none given)"}" : "a number";
                throw new TabularDataException(table.Source, $"'{v}' is not {expected}, but the column is {schema.Kind.ToString().ToLowerInvariant()}.", table.Lines[r], schema.Name);
            }
        }
        if (schema.Kind == ColumnKind.Identifier) return;
        if (distinct.Count == 0)
            throw new TabularDataException(table.Source, $"every value is missing; there is nothing to learn (leave it out with --ignore {schema.Name}).", column: schema.Name);
        if (distinct.Count == 1 && !cells.Contains(null))
            throw new TabularDataException(table.Source, $"every row has the same value '{distinct.First()}'; there is nothing to learn (leave it out with --ignore {schema.Name}).", column: schema.Name);
        if (schema.IsDiscrete && options.MaxCategories == 0 && distinct.Count > options.CategoryLimit)
            throw new TabularDataException(table.Source,
                $"{distinct.Count} categories is more than the limit of {options.CategoryLimit} for one-hot encoding; leave it out with --ignore {schema.Name}, " +
                $"keep the most frequent levels with --max-categories N, or raise --category-limit.", column: schema.Name);
    }

    /// <summary>True when <paramref name="s"/> reads as a finite number in the invariant culture.</summary>
    public static bool IsNumber(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d);

    /// <summary>True when <paramref name="s"/> reads as a whole number.</summary>
    public static bool IsInteger(string s) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"(^id$|_id$|Id$|^ID$|_ID$|^key$|uuid)", RegexOptions.CultureInvariant)]
    private static partial Regex IdLikeName();
}
