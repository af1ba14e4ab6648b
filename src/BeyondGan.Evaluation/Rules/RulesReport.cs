using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Rules;

namespace BeyondGan.Evaluation.Rules;

/// <summary>One rule of the real table and how each table fares against it.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Real">The real table's rows it applies to and breaks (sums may tolerate a few; the others none).</param>
/// <param name="Synthetic">The synthetic table's.</param>
public sealed record RuleScore(TableRule Rule, RuleCheck Real, RuleCheck Synthetic)
{
    /// <summary>The rule's kind, as in the rules JSON (determines, missing, order, sum, range).</summary>
    public string Kind => Rule switch
    {
        FunctionalDependency => "determines",
        MissingTogether => "missing",
        OrderRelation => "order",
        LinearIdentity => "sum",
        _ => "range",
    };
}

/// <summary>
/// The rules the real table obeys (<see cref="RuleDiscovery"/>) and the share of synthetic rows that break each one —
/// what aggregate fidelity scores hide: a table can score 0.87 on quality while two thirds of its rows pair a class
/// with the wrong class code.
/// </summary>
/// <param name="Rules">Every rule found, dependencies, missingness, orders and sums first, then ranges.</param>
/// <param name="SyntheticRowsBreakingAny">Share of synthetic rows that break at least one rule.</param>
/// <param name="SyntheticRowsBreakingAnyButRanges">The same, leaving ranges out (they are the validity report's out-of-range values).</param>
/// <param name="NotChecked">Rules left out because the synthetic table lacks one of their columns.</param>
public sealed record RulesReport(IReadOnlyList<RuleScore> Rules, double SyntheticRowsBreakingAny, double SyntheticRowsBreakingAnyButRanges,
    IReadOnlyList<string> NotChecked)
{
    /// <summary>Finds the rules of <paramref name="real"/> and checks both tables against them.</summary>
    public static RulesReport Compute(RawTable real, RawTable synthetic, TableSchema schema, int seed = 0)
    {
        var rules = RuleDiscovery.Find(real, schema, seed);
        var scores = new List<RuleScore>();
        var notChecked = new List<string>();
        var any = new bool[synthetic.RowCount];
        var anyButRanges = new bool[synthetic.RowCount];
        foreach (var rule in rules.Rules)
        {
            if (rule.Columns.Any(c => synthetic.IndexOf(c) < 0)) { notChecked.Add(rule.Describe()); continue; }
            var breaks = rule.Breaks(synthetic, schema);
            for (int r = 0; r < breaks.Length; r++)
            {
                if (breaks[r] != true) continue;
                any[r] = true;
                if (rule is not ValueRange) anyButRanges[r] = true;
            }
            scores.Add(new RuleScore(rule, rule.Check(real, schema), Count(breaks)));
        }
        double Share(bool[] rows) => rows.Length == 0 ? 0 : rows.Count(b => b) / (double)rows.Length;
        return new RulesReport(scores, Share(any), Share(anyButRanges), notChecked);
    }

    private static RuleCheck Count(bool?[] breaks) => new(breaks.LongCount(b => b is not null), breaks.LongCount(b => b == true));
}
