using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Audio;

/// <summary><c>beyondgan audio schema DIR</c>: what a folder of clips holds — rates, channels, durations, labels.</summary>
internal sealed class AudioSchemaCommand : Command<AudioSchemaCommand.Settings>
{
    public sealed class Settings : AudioInputSettings
    {
        [CommandArgument(0, "<CLIPS>"), Description("A folder of .wav files, or a CSV manifest with path and label columns.")]
        public string Clips { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var clips = settings.Read(settings.Clips);
        var seconds = clips.Clips.Select(c => c.Seconds).Order().ToArray();
        AnsiConsole.MarkupLine(Markup.Escape($"{clips.Source}: {clips.Clips.Count:N0} clips; " +
            $"rates {string.Join(", ", clips.Clips.GroupBy(c => c.SampleRate).OrderBy(g => g.Key).Select(g => $"{g.Key} Hz ({g.Count():N0})"))}; " +
            $"channels {string.Join(", ", clips.Clips.GroupBy(c => c.Channels).OrderBy(g => g.Key).Select(g => $"{g.Key} ({g.Count():N0})"))}; " +
            $"duration {seconds[0]:F3}–{seconds[^1]:F3} s, median {seconds[seconds.Length / 2]:F3} s"));
        if (clips.Labels.Count > 0)
        {
            var table = new Table().AddColumns("label", "clips", "median s");
            foreach (var g in clips.Clips.Where(c => c.Label is not null).GroupBy(c => c.Label!).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var s = g.Select(c => c.Seconds).Order().ToArray();
                table.AddRow(Markup.Escape(g.Key), g.Count().ToString("N0"), $"{s[s.Length / 2]:F3}");
            }
            AnsiConsole.Write(table);
        }
        else AnsiConsole.MarkupLine("[grey]unlabelled (give --label-pattern or a manifest with a label column for a conditional model)[/]");
        return 0;
    }
}
