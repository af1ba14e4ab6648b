using System.ComponentModel;
using BeyondGan.IO;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Rules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary><c>beyondgan tabular schema DATA</c>: prints how each column was read and will be modelled.</summary>
internal sealed class TabularSchemaCommand : Command<TabularSchemaCommand.Settings>
{
    public sealed class Settings : TableInputSettings
    {
        [CommandOption("--json <FILE>"), Description("Write the schema as JSON (edit it and pass it back with --metadata).")]
        public string? Json { get; init; }

        [CommandOption("--rules-json <FILE>"), Description("Write the rules found as JSON (edit it and pass it back to `tabular fit --rules`).")]
        public string? RulesJson { get; init; }

        public override ValidationResult Validate()
        {
            var v = base.Validate();
            if (!v.Successful) return v;
            v = CheckOutput("--json", Json);
            return v.Successful ? CheckOutput("--rules-json", RulesJson) : v;
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var table = settings.ReadTable();
        var schema = SchemaInference.Infer(table, settings.SchemaOptions());
        var view = new Table().Border(TableBorder.Rounded).Title($"{Markup.Escape(Path.GetFileName(settings.Data))}: {table.RowCount:N0} rows")
            .AddColumn("column").AddColumn("type").AddColumn(new TableColumn("missing").RightAligned())
            .AddColumn(new TableColumn("distinct").RightAligned()).AddColumn("examples");
        for (int i = 0; i < schema.Columns.Count; i++)
        {
            var c = schema.Columns[i];
            var cells = table.Cells[i];
            int missing = cells.Count(v => v is null);
            var distinct = cells.Where(v => v is not null).Distinct().ToList();
            string type = c.Kind.ToString().ToLowerInvariant() + (c.Format is null ? "" : $" ({c.Format})");
            view.AddRow(Markup.Escape(c.Name), type, $"{(double)missing / table.RowCount:P1}", distinct.Count.ToString("N0"),
                Markup.Escape(string.Join(", ", distinct.Take(4)) + (distinct.Count > 4 ? ", …" : "")));
        }
        AnsiConsole.Write(view);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var rules = RuleDiscovery.Find(table, schema);
        var plan = RuleEnforcement.Plan(rules, table, schema);
        RulesView.Write(plan, $"rules found in {watch.Elapsed.TotalSeconds:F1} s (each holds in every row)");
        if (settings.Json is not null) AtomicFile.WriteAllText(settings.Json, schema.ToJson());
        if (settings.RulesJson is not null) AtomicFile.WriteAllText(settings.RulesJson, rules.ToJson());
        return 0;
    }
}
