using System.ComponentModel;
using System.Diagnostics;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.Runtime;
using BeyondGan.Text.Data;
using BeyondGan.Text.Metrics;
using BeyondGan.Text.Model;
using BeyondGan.Text.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Text;

/// <summary><c>beyondgan text fit CORPUS --out MODEL.bgan</c>: trains a language model on one sentence per line.</summary>
internal sealed class TextFitCommand : Command<TextFitCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<CORPUS>"), Description("Training sentences, one per line (UTF-8).")]
        public string Corpus { get; init; } = "";

        [CommandOption("--out <MODEL.bgan>"), Description("Where to write the model (required).")]
        public string? Out { get; init; }

        [CommandOption("--column <NAME>"), Description("Read CORPUS (and --test) as a CSV or Parquet table: the sentences are this column.")]
        public string? Column { get; init; }

        [CommandOption("--label-column <NAME>"), Description("With --column: each sentence's label; the model is then conditional (`text sample --condition label=VALUE`).")]
        public string? LabelColumn { get; init; }

        [CommandOption("--model <NAME>"), Description("mle: an LSTM language model trained by maximum likelihood (the baseline text GANs must beat); seqgan: that model pre-trained by MLE, then SeqGAN's policy gradient (REINFORCE with Monte-Carlo rollouts, a CNN discriminator); relgan: that model pre-trained by MLE, then RelGAN's game (Gumbel-softmax with annealed β, a multi-representation CNN critic, relativistic loss)."), DefaultValue("mle")]
        public string Model { get; init; } = "mle";

        [CommandOption("--adversarial-steps <N>"), Description("seqgan, relgan: steps of the game after --steps of MLE pre-training (default 1000).")]
        public long? AdversarialSteps { get; init; }

        [CommandOption("--rollouts <N>"), Description("seqgan: Monte-Carlo completions of each prefix when a sentence is rewarded (default 4; SeqGAN 16).")]
        public int? Rollouts { get; init; }

        [CommandOption("--critic-pretrain-steps <N>"), Description("seqgan: discriminator updates on the pre-trained generator's samples before the game (default 200).")]
        public long? CriticPretrainSteps { get; init; }

        [CommandOption("--critic-steps <N>"), Description("seqgan, relgan: critic updates per generator update (default 1).")]
        public int? CriticSteps { get; init; }

        [CommandOption("--pg-baseline"), Description("seqgan: subtract the batch's mean reward at each position (SeqGAN has no baseline).")]
        public bool PolicyBaseline { get; init; }

        [CommandOption("--beta-max <B>"), Description("relgan: largest inverse temperature of the relaxed one-hots, annealed from 1 (default 100).")]
        public double? BetaMax { get; init; }

        [CommandOption("--critic-representations <N>"), Description("seqgan, relgan: embedding representations of the critic (default 2; RelGAN 64).")]
        public int? CriticRepresentations { get; init; }

        [CommandOption("--critic-filters <N>"), Description("seqgan, relgan: filters per convolution width of the critic (default 64; RelGAN 300).")]
        public int? CriticFilters { get; init; }

        [CommandOption("--estimator <NAME>"), Description("relgan: gumbel (the critic sees Gumbel-softmax's relaxed one-hots, default) or straight-through (exact one-hots, the relaxed gradient)."), DefaultValue("gumbel")]
        public string Estimator { get; init; } = "gumbel";

        [CommandOption("--gan-lr <LR>"), Description("seqgan, relgan: Adam learning rate of the game (default 1e-4).")]
        public double? GanLearningRate { get; init; }

        [CommandOption("--test <FILE>"), Description("Held-out sentences: every --monitor-every steps, BLEU-2..5 of 200 samples against them and two samples are printed.")]
        public string? Test { get; init; }

        [CommandOption("--steps <N>"), Description("Training steps (default 3000).")]
        public long? Steps { get; init; }

        [CommandOption("--epochs <E>"), Description("Training epochs instead of --steps (an epoch = as many sentences as the corpus has).")]
        public double? Epochs { get; init; }

        [CommandOption("--batch-size <N>"), Description("Sentences per step (default 64).")]
        public int? BatchSize { get; init; }

        [CommandOption("--generator <NET>"), Description("The language model's network: lstm (default) or rmc (RelGAN's relational memory).")]
        public string? Generator { get; init; }

        [CommandOption("--memory-slots <N>"), Description("rmc: memory slots (default 1, as RelGAN).")]
        public int? MemorySlots { get; init; }

        [CommandOption("--heads <N>"), Description("rmc: attention heads (default 2, as RelGAN).")]
        public int? Heads { get; init; }

        [CommandOption("--head-size <N>"), Description("rmc: values per head (default 128; RelGAN 256).")]
        public int? HeadSize { get; init; }

        [CommandOption("--hidden <N>"), Description("LSTM units (default 256).")]
        public int? Hidden { get; init; }

        [CommandOption("--layers <N>"), Description("LSTM layers (default 1).")]
        public int? Layers { get; init; }

        [CommandOption("--embedding <N>"), Description("Token embedding size (default 128).")]
        public int? Embedding { get; init; }

        [CommandOption("--dropout <P>"), Description("Dropout (default 0.3).")]
        public double? Dropout { get; init; }

        [CommandOption("--lr <LR>"), Description("Adam learning rate (default 2e-3).")]
        public double? LearningRate { get; init; }

        [CommandOption("--subwords <MERGES>"), Description("Sub-word units: learn this many byte-pair merges from the corpus (open vocabulary; 0 = whole words, the default and the benchmarks' tokens).")]
        public int? Subwords { get; init; }

        [CommandOption("--min-count <N>"), Description("Tokens seen fewer times become <unk> (default 1).")]
        public int? MinimumCount { get; init; }

        [CommandOption("--max-length <N>"), Description("Longest sentence in tokens; longer ones are truncated (default 48).")]
        public int? MaxLength { get; init; }

        [CommandOption("--refuse-long"), Description("Refuse a sentence longer than --max-length instead of truncating it.")]
        public bool RefuseLong { get; init; }

        [CommandOption("--keep-case"), Description("Do not lower-case the text (the benchmarks lower-case it).")]
        public bool KeepCase { get; init; }

        [CommandOption("--monitor-every <N>"), Description("Steps between the BLEU and sample lines printed while training (default 500; 0 = none)."), DefaultValue(500L)]
        public long MonitorEvery { get; init; } = 500;

        [CommandOption("--seed <S>"), Description("Seed of the whole fit (default 0)."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("--device <NAME>"), Description("cpu (default), cuda or cuda:N."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";

        public override ValidationResult Validate()
        {
            if (Out is null) return ValidationResult.Error("--out MODEL.bgan is required.");
            if (Model is not ("mle" or "seqgan" or "relgan")) return ValidationResult.Error($"--model {Model}: unknown model (mle, seqgan, relgan).");
            if (LabelColumn is not null && Column is null) return ValidationResult.Error("--label-column needs --column (a CSV or Parquet table).");
            if (Estimator is not ("gumbel" or "straight-through")) return ValidationResult.Error($"--estimator {Estimator}: unknown (gumbel, straight-through).");
            if (Steps is not null && Epochs is not null) return ValidationResult.Error("give --steps or --epochs, not both.");
            if (Epochs is <= 0) return ValidationResult.Error($"--epochs must be positive, got {Epochs}.");
            if (Threads < 0) return ValidationResult.Error("--threads must be 0 or positive.");
            return TableFormatSettings.CheckOutput("--out", Out);
        }

        public TextModelOptions Options(int sentences)
        {
            var o = new TextModelOptions { Seed = Seed, Device = Device };
            int batch = BatchSize ?? o.BatchSize;
            return o with
            {
                Steps = Epochs is double e ? (long)Math.Ceiling(e * sentences / batch) : Steps ?? o.Steps, BatchSize = batch,
                Hidden = Hidden ?? o.Hidden, Layers = Layers ?? o.Layers, Embedding = Embedding ?? o.Embedding, Dropout = Dropout ?? o.Dropout,
                LearningRate = LearningRate ?? o.LearningRate, MinimumCount = MinimumCount ?? o.MinimumCount, Subwords = Subwords ?? o.Subwords,
                Generator = Generator ?? o.Generator, MemorySlots = MemorySlots ?? o.MemorySlots, Heads = Heads ?? o.Heads, HeadSize = HeadSize ?? o.HeadSize, MaxLength = MaxLength ?? o.MaxLength,
                RefuseLong = RefuseLong, LowerCase = !KeepCase, Model = Model,
                AdversarialSteps = AdversarialSteps ?? o.AdversarialSteps, Rollouts = Rollouts ?? o.Rollouts,
                CriticPretrainSteps = CriticPretrainSteps ?? o.CriticPretrainSteps, CriticSteps = CriticSteps ?? o.CriticSteps, PolicyBaseline = PolicyBaseline, BetaMax = BetaMax ?? o.BetaMax,
                CriticRepresentations = CriticRepresentations ?? o.CriticRepresentations, CriticFilters = CriticFilters ?? o.CriticFilters,
                AdversarialLearningRate = GanLearningRate ?? o.AdversarialLearningRate, StraightThrough = Estimator == "straight-through",
            };
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        TextCorpus Read(string path) => settings.Column is null ? TextCorpus.Read(path) : TextCorpus.ReadColumn(path, settings.Column, settings.LabelColumn);
        var corpus = Read(settings.Corpus);
        var test = settings.Test is null ? null : Read(settings.Test);
        var options = settings.Options(corpus.Lines.Count);
        options.Validate();
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(Path.GetFileName(settings.Corpus))}: {corpus.Lines.Count:N0} sentences ({corpus.EmptyLines:N0} empty lines skipped); {options.TotalSteps:N0} steps of {options.BatchSize}[/]");
        var watch = Stopwatch.StartNew();
        var model = Fit(corpus, test, options, settings.MonitorEvery, Path.GetFileName(settings.Corpus), cancellationToken);
        using (model)
        {
            TextModelFile.Save(settings.Out!, model);
            if (model.State.Labels is { } labels) AnsiConsole.MarkupLine($"[grey]labels: {Markup.Escape(string.Join(", ", labels.Select((l, k) => $"{l} ({model.State.LabelShares![k]:P0})")))}[/]");
            AnsiConsole.MarkupLine($"[grey]vocabulary {model.State.Vocabulary.Count:N0} ids; {model.State.TruncatedSentences:N0} sentences truncated to {options.MaxLength} tokens[/]");
            if (!model.IsComplete)
            {
                AnsiConsole.MarkupLine($"[yellow]Interrupted after {model.StepsTrained:N0} of {options.TotalSteps:N0} steps[/]; the model trained so far is saved to {Markup.Escape(settings.Out!)} and can sample.");
                return CliErrors.Interrupted;
            }
            AnsiConsole.MarkupLine($"Trained {options.TotalSteps:N0} steps in {watch.Elapsed.TotalSeconds:F1} s; model saved to {Markup.Escape(settings.Out!)}.");
        }
        return 0;
    }

    /// <summary>Trains with a progress bar and, every <paramref name="every"/> steps, BLEU of 200 samples and two of them.</summary>
    internal static TextSynthesizer Fit(TextCorpus corpus, TextCorpus? test, TextModelOptions options, long every, string title, CancellationToken cancellation)
    {
        Bleu? bleu = null;
        return TrainingProgressBar.Run(title, cancellation, (progress, token) => TextSynthesizer.Fit(corpus, options, progress, token, (model, step) =>
        {
            var tokenizer = model.Tokenizer;
            bleu ??= new Bleu(tokenizer.TokenizeAll((test ?? corpus).Lines));
            var samples = model.Sample(200, seed: 0).ToList();
            var b = bleu.Corpus(samples);
            AnsiConsole.MarkupLine(Markup.Escape($"step {step:N0}: BLEU-2..5 {b[2]:F3} / {b[3]:F3} / {b[4]:F3} / {b[5]:F3} ({(test is null ? "against the training set" : "against --test")}); e.g. \"{Detokenizer.Join(samples[0])}\", \"{Detokenizer.Join(samples[1])}\""));
        }, every));
    }
}
