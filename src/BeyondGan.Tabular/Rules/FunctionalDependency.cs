using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Rules;

/// <summary>
/// Each value of <see cref="Determinant"/> goes with exactly one value of <see cref="Dependent"/> — a recoding when it
/// holds both ways (<c>education</c> and <c>education-num</c>), a category and a flag that follows from it (<c>who</c> and
/// <c>adult_male</c>). Kept by deriving the dependent from the determinant through <see cref="Mapping"/>.
/// </summary>
/// <param name="Determinant">The column whose value decides (categorical, boolean, or an integer column with every value of its range seen).</param>
/// <param name="Dependent">The column that follows.</param>
public sealed record FunctionalDependency(
    [property: JsonPropertyName("determinant")] string Determinant,
    [property: JsonPropertyName("dependent")] string Dependent) : TableRule
{
    /// <summary>True when the dependent also determines the determinant (a recoding).</summary>
    [JsonPropertyName("one_to_one")] public bool OneToOne { get; init; }

    /// <summary>The dependent's value for each determinant value of the training table (null = missing).</summary>
    [JsonPropertyName("mapping")] public IReadOnlyList<ValuePair> Mapping { get; init; } = [];

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => [Determinant, Dependent];

    /// <inheritdoc />
    public override string Describe() => $"{Determinant} determines {Dependent}{(OneToOne ? " (one to one)" : "")}";

    /// <summary>The mapping as a lookup (a missing determinant is the key <see cref="MissingKey"/>).</summary>
    public Dictionary<string, string?> Lookup() => Mapping.GroupBy(p => p.When ?? MissingKey, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Then, StringComparer.Ordinal);

    /// <summary>The lookup key of a missing determinant (a string no trimmed cell can be).</summary>
    public const string MissingKey = "\u0000missing";

    /// <summary>
    /// Looks values of the determinant up in <see cref="Mapping"/>: by text, and for a number column by value too (so
    /// "13.0" finds "13").
    /// </summary>
    internal sealed class Finder
    {
        private readonly Dictionary<string, string?> byText;
        private readonly Dictionary<double, string?>? byNumber;
        private readonly ColumnSchema? column;

        public Finder(FunctionalDependency rule, ColumnSchema? determinant)
        {
            byText = rule.Lookup();
            column = determinant;
            if (determinant is { IsNumeric: true })
            {
                byNumber = [];
                foreach (var p in rule.Mapping)
                    if (p.When is not null && Transform.ContinuousEncoder.TryParse(determinant, p.When, out var v)) byNumber.TryAdd(v, p.Then);
            }
        }

        /// <summary>The dependent's value for <paramref name="value"/>; false when the determinant value was never seen.</summary>
        public bool TryFind(string? value, out string? dependent)
        {
            if (byText.TryGetValue(value ?? MissingKey, out dependent)) return true;
            return value is not null && byNumber is not null && Transform.ContinuousEncoder.TryParse(column!, value, out var v)
                   && byNumber.TryGetValue(v, out dependent);
        }
    }

    /// <inheritdoc />
    public override bool?[] Breaks(RawTable table, TableSchema schema)
    {
        var finder = new Finder(this, schema.Find(Determinant));
        var determinant = table.Column(Determinant);
        var dependent = table.Column(Dependent);
        var dependentSchema = schema.Find(Dependent);
        var breaks = new bool?[table.RowCount];
        for (int r = 0; r < breaks.Length; r++)
            if (finder.TryFind(determinant[r], out var expected)) breaks[r] = !SameValue(dependentSchema, expected, dependent[r]);
        return breaks;
    }

    /// <summary>Equal as text, or as numbers for a numeric column (so "13" and "13.0" agree).</summary>
    internal static bool SameValue(ColumnSchema? column, string? a, string? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (string.Equals(a, b, StringComparison.Ordinal)) return true;
        return column is { IsNumeric: true }
            && Transform.ContinuousEncoder.TryParse(column, a, out var x) && Transform.ContinuousEncoder.TryParse(column, b, out var y)
            && Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x));
    }
}

/// <summary>One entry of a mapping: when the determinant is <see cref="When"/>, the dependent is <see cref="Then"/> (null = missing).</summary>
public sealed record ValuePair(
    [property: JsonPropertyName("when")] string? When,
    [property: JsonPropertyName("then")] string? Then);
