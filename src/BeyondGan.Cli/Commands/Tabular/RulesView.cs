using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Rules;
using Spectre.Console;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary>Prints a table's rules and how a model keeps them, as <c>tabular schema</c> and <c>tabular fit</c> show them.</summary>
internal static class RulesView
{
    /// <summary>The rules as a console table (ranges on one line at the end, they are many); nothing when there are none.</summary>
    public static void Write(RuleEnforcement rules, string title)
    {
        var listed = rules.Rules.Rules.Where(r => r is not ValueRange).ToList();
        var ranges = rules.Rules.Rules.OfType<ValueRange>().ToList();
        if (listed.Count == 0 && ranges.Count == 0) return;
        if (listed.Count > 0)
        {
            var view = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title)).AddColumn("rule").AddColumn("kept by");
            foreach (var r in listed) view.AddRow(Markup.Escape(r.Describe()), Markup.Escape(rules.HowKept(r)));
            AnsiConsole.Write(view);
        }
        else AnsiConsole.MarkupLine(Markup.Escape($"{title}: no dependency, order, sum or missingness rule."));
        if (ranges.Count > 0)
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape($"ranges (kept by clamping): {string.Join("; ", ranges.Select(r => r.Describe()))}")}[/]");
    }
}
