using System.ComponentModel;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.IO;
using BeyondGan.TimeSeries.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.TimeSeries;

/// <summary><c>beyondgan timeseries schema DATA</c>: prints how each column was read (time, entity, static, feature) and the sequences found.</summary>
internal sealed class TimeSeriesSchemaCommand : Command<TimeSeriesSchemaCommand.Settings>
{
    public sealed class Settings : SequenceInputSettings
    {
        [CommandOption("--json <FILE>"), Description("Write the schema (each column's role and type) as JSON.")]
        public string? Json { get; init; }

        public override ValidationResult Validate()
        {
            var v = base.Validate();
            return v.Successful ? TableFormatSettings.CheckOutput("--json", Json) : v;
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var table = settings.Read();
        var raw = table.Table;
        var view = new Table().Border(TableBorder.Rounded).Title($"{Markup.Escape(Path.GetFileName(settings.Data))}: {raw.RowCount:N0} rows")
            .AddColumn("column").AddColumn("role").AddColumn("type").AddColumn(new TableColumn("missing").RightAligned())
            .AddColumn(new TableColumn("distinct").RightAligned()).AddColumn("examples");
        foreach (var c in table.Schema.Columns)
        {
            var cells = raw.Column(c.Name);
            int missing = cells.Count(v => v is null);
            var distinct = cells.Where(v => v is not null).Distinct().ToList();
            string type = c.Schema.Kind.ToString().ToLowerInvariant() + (c.Schema.Format is null ? "" : $" ({c.Schema.Format})");
            view.AddRow(Markup.Escape(c.Name), c.Role.ToString().ToLowerInvariant(), Markup.Escape(type), $"{(double)missing / raw.RowCount:P1}", distinct.Count.ToString("N0"),
                Markup.Escape(string.Join(", ", distinct.Take(4)) + (distinct.Count > 4 ? ", …" : "")));
        }
        AnsiConsole.Write(view);
        AnsiConsole.MarkupLine(Markup.Escape(Describe(table)));
        if (settings.Json is not null) AtomicFile.WriteAllText(settings.Json, table.Schema.ToJson());
        return 0;
    }

    /// <summary>One line on the sequences: how many, how long, how times advance.</summary>
    internal static string Describe(SequenceTable table)
    {
        var lengths = table.Sequences.Select(s => s.Length).OrderBy(l => l).ToArray();
        var gaps = table.Schema.Time is null ? [] : table.Sequences.SelectMany(s => Enumerable.Range(1, s.Length - 1).Select(i => table.Times[s.Rows[i]] - table.Times[s.Rows[i - 1]])).ToArray();
        string time = table.Schema.Time is null ? "no time column: the file's row order is the time order"
            : gaps.Length == 0 ? $"time {table.Schema.Time.Name}"
            : gaps.Distinct().Count() == 1 ? $"time {table.Schema.Time.Name}, regular steps of {Gap(table, gaps[0])}"
            : $"time {table.Schema.Time.Name}, irregular steps (median {Gap(table, Median(gaps))}, from {Gap(table, gaps.Min())} to {Gap(table, gaps.Max())})";
        if (table.Schema.IsPanel)
            return $"{table.Sequences.Count:N0} entities, {lengths[0]}–{lengths[^1]} rows each (median {lengths[lengths.Length / 2]}); {time}; " +
                $"{table.Schema.Static.Count} static attribute(s), {table.Schema.Features.Count} feature(s).";
        return $"one series of {lengths[0]:N0} rows, cut into {table.TrainingSequences().Count:N0} windows of {table.Schema.Window} (stride 1); {time}; {table.Schema.Features.Count} feature(s).";
    }

    private static double Median(double[] values) { var s = values.OrderBy(v => v).ToArray(); return s[s.Length / 2]; }

    private static string Gap(SequenceTable table, double gap) =>
        table.Schema.Time!.Schema.Kind == BeyondGan.Tabular.Data.ColumnKind.DateTime
            ? (gap >= 86400 ? $"{gap / 86400:0.##} d" : gap >= 3600 ? $"{gap / 3600:0.##} h" : gap >= 60 ? $"{gap / 60:0.##} min" : $"{gap:0.##} s")
            : gap.ToString("0.####");
}
