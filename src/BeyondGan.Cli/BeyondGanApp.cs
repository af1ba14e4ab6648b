using BeyondGan.Cli.Commands;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.Cli.Commands.Audio;
using BeyondGan.Cli.Commands.Text;
using BeyondGan.Cli.Commands.TimeSeries;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli;

/// <summary>The <c>beyondgan</c> command line: its commands, and one-line errors with non-zero exit codes.</summary>
public static class BeyondGanApp
{
    /// <summary>Runs the command line with <paramref name="args"/> and returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("beyondgan");
            // Help and parse errors go to the same console as everything else (a test or a host may have replaced it).
            config.ConfigureConsole(AnsiConsole.Console);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddBranch("tabular", tabular =>
            {
                tabular.SetDescription("Synthetic tables: inspect a schema, fit a conditional tabular GAN, sample from it, augment rare classes, evaluate the result.");
                tabular.AddCommand<TabularDemoCommand>("demo")
                    .WithDescription("Fit and sample the embedded demo table and print a quality summary (no data needed).")
                    .WithExample("tabular", "demo");
                tabular.AddCommand<TabularSchemaCommand>("schema")
                    .WithDescription("Show how each column of a table is read and modelled.")
                    .WithExample("tabular", "schema", "adult.csv");
                tabular.AddCommand<TabularFitCommand>("fit")
                    .WithDescription("Train a model on a CSV or Parquet table and save it to a .bgan file.")
                    .WithExample("tabular", "fit", "adult.csv", "--out", "adult.bgan", "--epochs", "300");
                tabular.AddCommand<TabularSampleCommand>("sample")
                    .WithDescription("Generate rows from a model, optionally with fixed category values.")
                    .WithExample("tabular", "sample", "adult.bgan", "--rows", "1000", "--out", "synthetic.csv", "--condition", "income=>50K");
                tabular.AddCommand<TabularAugmentCommand>("augment")
                    .WithDescription("Add synthetic rows of rare classes (GAN, SMOTE, SMOTE-NC or random copies) and write the augmented table.")
                    .WithExample("tabular", "augment", "adult.csv", "--target", "income", "--out", "augmented.csv", "--strategy", "ratio:0.5", "--method", "gan", "--filter", "classifier");
                tabular.AddCommand<TabularEvaluateCommand>("evaluate")
                    .WithDescription("Measure a synthetic table against the real one: fidelity, validity, utility, detection, privacy; JSON and an HTML report.")
                    .WithExample("tabular", "evaluate", "--real", "train.csv", "--synthetic", "synthetic.csv", "--holdout", "test.csv", "--target", "income", "--report", "report.html");
            });
            config.AddBranch("timeseries", ts =>
            {
                ts.SetDescription("Synthetic sequences and panel data: inspect how a long-format table is read, fit a sequence GAN, sample new entities or series, evaluate with the TimeGAN protocol.");
                ts.AddCommand<TimeSeriesDemoCommand>("demo")
                    .WithDescription("Fit and sample the embedded machine-readings panel and print the scores (no data needed).")
                    .WithExample("timeseries", "demo");
                ts.AddCommand<TimeSeriesSchemaCommand>("schema")
                    .WithDescription("Show each column's role (time, entity, static, feature) and type, and the sequences found.")
                    .WithExample("timeseries", "schema", "readings.csv", "--time", "timestamp", "--entity", "machine");
                ts.AddCommand<TimeSeriesFitCommand>("fit")
                    .WithDescription("Train a sequence model on a long-format CSV or Parquet table and save it to a .bgan file.")
                    .WithExample("timeseries", "fit", "readings.csv", "--time", "timestamp", "--entity", "machine", "--out", "readings.bgan");
                ts.AddCommand<TimeSeriesSampleCommand>("sample")
                    .WithDescription("Generate new entities (or series) in the input's long format, optionally with fixed static attributes.")
                    .WithExample("timeseries", "sample", "readings.bgan", "--count", "1000", "--out", "synthetic.csv", "--condition", "site=coast");
                ts.AddCommand<TimeSeriesEvaluateCommand>("evaluate")
                    .WithDescription("Score synthetic sequences against real ones: discriminative and predictive scores, Context-FID, correlations, autocorrelation; JSON and an HTML report.")
                    .WithExample("timeseries", "evaluate", "--real", "readings.csv", "--synthetic", "synthetic.csv", "--time", "timestamp", "--entity", "machine", "--report", "report.html");
            });
            config.AddBranch("text", text =>
            {
                text.SetDescription("Text generation: fit a language model on one sentence per line, sample sentences, score them with BLEU and Self-BLEU exactly as the benchmarks define them.");
                text.AddCommand<TextDemoCommand>("demo")
                    .WithDescription("Fit a language model on captions from a small grammar, sample, and print BLEU, Self-BLEU and grammaticality (no data needed).")
                    .WithExample("text", "demo");
                text.AddCommand<TextFitCommand>("fit")
                    .WithDescription("Train a text model (an LSTM language model by maximum likelihood) and save it to a .bgan file.")
                    .WithExample("text", "fit", "image_coco.txt", "--test", "test_coco.txt", "--out", "coco.bgan");
                text.AddCommand<TextSampleCommand>("sample")
                    .WithDescription("Generate sentences, one per line, at a temperature (optionally top-k or nucleus).")
                    .WithExample("text", "sample", "coco.bgan", "--count", "10000", "--out", "samples.txt", "--temperature", "0.8");
                text.AddCommand<TextEvaluateCommand>("evaluate")
                    .WithDescription("Score generated sentences against real ones: BLEU-2..5, Self-BLEU-2..5, distinct-n, n-gram divergence, copies; JSON.")
                    .WithExample("text", "evaluate", "--real", "test_coco.txt", "--synthetic", "samples.txt", "--train", "image_coco.txt", "--json", "scores.json");
            });
            config.AddBranch("audio", audio =>
            {
                audio.SetDescription("Audio generation: fit WaveGAN on a folder of WAV clips (conditional on their labels), sample clips, score them with a classifier trained on the real clips.");
                audio.AddCommand<AudioDemoCommand>("demo")
                    .WithDescription("Fit a conditional GAN (the spectrogram model by default) on tones, chirps, noise bursts and beeps the project makes itself, sample, and score (no data needed).")
                    .WithExample("audio", "demo", "--report", "audio.html");
                audio.AddCommand<AudioSchemaCommand>("schema")
                    .WithDescription("Show what a folder of clips holds: rates, channels, durations, labels.")
                    .WithExample("audio", "schema", "recordings/", "--label-pattern", "^(\\d)_");
                audio.AddCommand<AudioFitCommand>("fit")
                    .WithDescription("Train an audio GAN (the spectrogram model, WaveGAN, or the HiFi-GAN-class vocoder) on a folder or manifest of WAV clips and save it to a .bgan file.")
                    .WithExample("audio", "fit", "recordings/", "--label-pattern", "^(\\d)_", "--out", "digits.bgan");
                audio.AddCommand<AudioSampleCommand>("sample")
                    .WithDescription("Generate clips as 16-bit WAV files into a new folder, optionally all for one label.")
                    .WithExample("audio", "sample", "digits.bgan", "--count", "1000", "--out", "generated/", "--label", "7");
                audio.AddCommand<AudioVocodeCommand>("vocode")
                    .WithDescription("Re-synthesise clips from their log-mel spectrograms with a vocoder (audio fit --model vocoder), or by Griffin-Lim; scores them against the originals (log-spectral distance, mel-cepstral distortion, mel L1) and times it.")
                    .WithExample("audio", "vocode", "vocoder.bgan", "--in", "test/", "--out", "resynthesised/", "--label-pattern", "^(\\d)_");
                audio.AddCommand<AudioEvaluateCommand>("evaluate")
                    .WithDescription("Score generated clips with a classifier trained on real ones: label accuracy, Inception score, FD and KID on its features, NDB/K, memorisation; collapse warnings; JSON and an HTML report to listen to.")
                    .WithExample("audio", "evaluate", "--real", "test/", "--train", "train/", "--synthetic", "generated/", "--label-pattern", "^(\\d)_", "--report", "audio.html");
            });
            config.AddCommand<ToyCommand>("toy")
                .WithDescription("Train and evaluate on the 2-D mode-collapse benchmark (ring of 8 or grid of 25 Gaussians).")
                .WithExample("toy", "--dataset", "grid")
                .WithExample("toy", "--dataset", "ring", "--preset", "pacgan4", "--seed", "3", "--json", "ring.json", "--plot", "ring.png");
        });
        try
        {
            return app.Run(args);
        }
        catch (Exception e)
        {
            var line = CliErrors.OneLine(e);
            // Keep the error on one line whatever the console width (logs and scripts grep for it).
            var profile = AnsiConsole.Console.Profile;
            profile.Width = Math.Max(profile.Width, line.Length + 10);
            AnsiConsole.Console.MarkupLine($"[red]error:[/] {Markup.Escape(line)}");
            return CliErrors.ExitCode(e);
        }
    }
}
