using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Rules;

/// <summary>
/// A rule a real table obeys in every row (or, for a sum, to the data's rounding): found by <see cref="RuleDiscovery"/>,
/// kept exactly by <see cref="RuleEnforcement"/>, and checked on any table by <see cref="Check"/>. Rules serialise to the
/// JSON that <c>tabular schema --rules-json</c> writes and <c>tabular fit --rules</c> reads.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "rule")]
[JsonDerivedType(typeof(FunctionalDependency), "determines")]
[JsonDerivedType(typeof(MissingTogether), "missing")]
[JsonDerivedType(typeof(OrderRelation), "order")]
[JsonDerivedType(typeof(LinearIdentity), "sum")]
[JsonDerivedType(typeof(ValueRange), "range")]
public abstract record TableRule
{
    /// <summary>The columns the rule involves.</summary>
    [JsonIgnore] public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>One line for people: "education determines education-num (one to one)".</summary>
    public abstract string Describe();

    /// <summary>For each row of <paramref name="table"/>: null where the rule does not apply (a value missing), else whether the row breaks it.</summary>
    public abstract bool?[] Breaks(RawTable table, TableSchema schema);

    /// <summary>The rows of <paramref name="table"/> the rule applies to, and those that break it.</summary>
    public RuleCheck Check(RawTable table, TableSchema schema)
    {
        long rows = 0, broken = 0;
        foreach (var b in Breaks(table, schema))
        {
            if (b is null) continue;
            rows++;
            if (b.Value) broken++;
        }
        return new RuleCheck(rows, broken);
    }
}

/// <summary>How a table fares against one rule.</summary>
/// <param name="Rows">Rows the rule applies to (e.g. both columns present).</param>
/// <param name="Broken">Rows among them that break it.</param>
public readonly record struct RuleCheck(long Rows, long Broken)
{
    /// <summary>Share of applicable rows that break the rule (0 when none applies).</summary>
    public double BrokenShare => Rows == 0 ? 0 : (double)Broken / Rows;
}
