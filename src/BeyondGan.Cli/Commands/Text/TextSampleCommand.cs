using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.IO;
using BeyondGan.Runtime;
using BeyondGan.Sampling;
using BeyondGan.Text.Model;
using BeyondGan.Text.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Text;

/// <summary><c>beyondgan text sample MODEL.bgan --count N --out OUT.txt</c>: one generated sentence per line.</summary>
internal sealed class TextSampleCommand : Command<TextSampleCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>"), Description("A text model file written by `beyondgan text fit`.")]
        public string Model { get; init; } = "";

        [CommandOption("--count <N>"), Description("Sentences to generate (required).")]
        public long? Count { get; init; }

        [CommandOption("--out <FILE>"), Description("Where to write them, one per line (required; written to a temporary file, then renamed).")]
        public string? Out { get; init; }

        [CommandOption("--temperature <T>"), Description("Softmax temperature (default 1: the model as trained; lower = safer, higher = more diverse)."), DefaultValue(1.0)]
        public double Temperature { get; init; } = 1;

        [CommandOption("--top-k <K>"), Description("Sample among the K most likely tokens only (default 0 = all)."), DefaultValue(0)]
        public int TopK { get; init; }

        [CommandOption("--min-length <N>"), Description("No sentence ends before N tokens (default 0; with N = the model's --max-length every sentence has exactly N)."), DefaultValue(0)]
        public int MinLength { get; init; }

        [CommandOption("--top-p <P>"), Description("Nucleus sampling: the most likely tokens whose probability reaches P (default 1 = all)."), DefaultValue(1.0)]
        public double TopP { get; init; } = 1;

        [CommandOption("--condition <label=VALUE>"), Description("A conditional model (fit with --label-column): every sentence is generated for this label (default: labels in their training proportions).")]
        public string? Condition { get; init; }

        [CommandOption("--seed <S>"), Description("Seed of the draw (default 0); the same seed gives the same file."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--shard <K/N>"), Description("Write only part K of N of the draw: the parts, joined in order, are byte for byte the file one process writes.")]
        public string? Shard { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("--device <NAME>"), Description("cpu (default), cuda or cuda:N.")]
        public string? Device { get; init; }

        public override ValidationResult Validate()
        {
            if (Count is null) return ValidationResult.Error("--count N is required.");
            if (Count < 1) return ValidationResult.Error($"--count must be at least 1, got {Count}.");
            if (Out is null) return ValidationResult.Error("--out FILE is required.");
            if (Condition is not null && !Condition.StartsWith("label=", StringComparison.Ordinal))
                return ValidationResult.Error($"--condition {Condition}: write it as label=VALUE.");
            return TableFormatSettings.CheckOutput("--out", Out);
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var sampling = new TextSamplingOptions { Temperature = settings.Temperature, TopK = settings.TopK, TopP = settings.TopP, MinLength = settings.MinLength };
        sampling.Validate();
        var watch = Stopwatch.StartNew();
        using var model = TextModelFile.Load(settings.Model, settings.Device);
        var shard = settings.Shard is null ? BeyondGan.Sampling.Shard.Whole : BeyondGan.Sampling.Shard.Parse(settings.Shard);
        long count = settings.Count!.Value;
        long part = new DrawPlan(count, TextSynthesizer.ChunkSentences, shard, settings.Seed).PartRows;
        // Sample checks its arguments when called (an unknown label is an error before anything is written); it draws lazily.
        var sentences = model.Sample(count, sampling, settings.Seed, shard, settings.Condition?["label=".Length..]);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            using var file = AtomicFile.Begin(settings.Out!);
            long written = 0;
            using (var writer = new StreamWriter(file.Stream, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" })
                SampleProgress.Run($"sampling {Path.GetFileName(settings.Out)}", part, watch, report =>
                {
                    foreach (var sentence in sentences)
                    {
                        if (cts.IsCancellationRequested) return false;
                        writer.WriteLine(Detokenizer.Join(sentence));
                        if (++written % 100 == 0 || written == part) report(written);
                    }
                    return true;
                }, "sentences");
            if (cts.IsCancellationRequested)
            {
                AnsiConsole.MarkupLine($"[yellow]interrupted:[/] nothing was written to {Markup.Escape(settings.Out!)}.");
                return CliErrors.Interrupted;
            }
            file.Commit();
            var note = model.IsComplete ? "" : $" (the model was trained for {model.StepsTrained:N0} of {model.State.Options.TotalSteps:N0} steps)";
            AnsiConsole.MarkupLine($"Wrote {written:N0} sentences to {Markup.Escape(settings.Out!)} in {watch.Elapsed.TotalSeconds:F1} s{Markup.Escape(note)}.");
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
