using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BeyondGan.Evaluation.Sequences;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.TimeSeries.Data;
using BeyondGan.TimeSeries.Demo;
using BeyondGan.TimeSeries.Model;

/// <summary>
/// The time-series benchmarks (REFERENCES §3), through the product path: the data as a long-format table, the default
/// model fitted, as many sequences sampled as the real data has, and the protocol's scores (K repeats).
/// Usage: timeseries sines|stocks|demo [--model default|timegan|paper] [--steps N] [--pretrain-steps N] [--layers L] [--seed S] [--repeats K] [--threads T] [--window L] [--hidden H]
///        [--critic-steps C] [--batch-size B] [--no-context-fid] [--out FILE.json]
///        timeseries profile [--data sines|stocks|demo] [--steps N] : seconds per step of a few configurations.
/// Sines: 10,000 samples of 5 features and 24 steps (the released code's generator), a panel of 10,000 entities.
/// Stocks: ../shared/datasets/timeseries/stock_data.csv reversed (as the released code does), one series in windows.
/// </summary>
internal static class TimeSeriesBench
{
    public static void Run(string[] args)
    {
        string what = args.Length > 0 ? args[0] : "sines";
        int threads = int.Parse(TabularBench.Arg(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        TorchRuntime.EnsureLoaded();
        TorchRuntime.SetThreads(threads);
        if (what == "profile") { Profile(args); return; }
        if (what == "critic") { CriticProfile(args); return; }
        var (table, options) = Load(what, args);
        var gan = Options(args);
        var result = new Dictionary<string, object?> { ["data"] = what, ["model"] = gan.Model.ToString(), ["pretrain_steps"] = gan.PretrainSteps, ["layers"] = gan.Layers, ["steps"] = gan.Steps, ["critic_channels"] = gan.CriticChannels, ["penalty_fraction"] = gan.PenaltyFraction, ["seed"] = gan.Seed, ["threads"] = threads, ["hidden"] = gan.Hidden, ["critic_steps"] = gan.CriticSteps, ["batch"] = gan.BatchSize };
        var real = SequenceReader.Read(table, options);
        var watch = Stopwatch.StartNew();
        var last = Stopwatch.StartNew();
        using var model = SequenceSynthesizer.Fit(real, gan, progress: (phase, step, total) =>
        {
            if (last.Elapsed.TotalSeconds < 30 && step != total) return;
            last.Restart();
            Console.Error.WriteLine($"  {phase} {step}/{total} ({watch.Elapsed.TotalSeconds:F0} s)");
        });
        result["training_s"] = watch.Elapsed.TotalSeconds;
        int count = real.TrainingSequences().Count;
        watch.Restart();
        var sampled = model.Sample(count, seed: gan.Seed + 1000);
        result["sampling_s"] = watch.Elapsed.TotalSeconds;
        var synthetic = SequenceEvaluation.ReadSynthetic(real, sampled, options);
        var scores = SequenceEvaluation.Compute(real, synthetic, new SequenceEvaluationOptions
        {
            Repeats = int.Parse(TabularBench.Arg(args, "--repeats") ?? "5", CultureInfo.InvariantCulture),
            ContextFid = !args.Contains("--no-context-fid"),
        }, stage => Console.Error.WriteLine($"  {stage}"));
        result["scores"] = scores;
        var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        Console.WriteLine(json);
        if (TabularBench.Arg(args, "--out") is { } path) File.WriteAllText(path, json);
    }

    private static SequenceGanOptions Options(string[] args)
    {
        var o = TabularBench.Arg(args, "--model") switch
        {
            null or "default" => new SequenceGanOptions(),
            "timegan" => SequenceGanOptions.TimeGanCpu,
            "paper" => SequenceGanOptions.TimeGanPaper,
            var m => throw new ArgumentException($"unknown --model '{m}' (default, timegan, paper)"),
        };
        return o with
        {
            PretrainSteps = TabularBench.Arg(args, "--pretrain-steps") is { } p ? long.Parse(p, CultureInfo.InvariantCulture) : o.PretrainSteps,
            Layers = int.Parse(TabularBench.Arg(args, "--layers") ?? o.Layers.ToString(), CultureInfo.InvariantCulture),
            Steps = long.Parse(TabularBench.Arg(args, "--steps") ?? o.Steps.ToString(), CultureInfo.InvariantCulture),
            Seed = long.Parse(TabularBench.Arg(args, "--seed") ?? "0", CultureInfo.InvariantCulture),
            Hidden = int.Parse(TabularBench.Arg(args, "--hidden") ?? o.Hidden.ToString(), CultureInfo.InvariantCulture),
            CriticSteps = int.Parse(TabularBench.Arg(args, "--critic-steps") ?? o.CriticSteps.ToString(), CultureInfo.InvariantCulture),
            BatchSize = int.Parse(TabularBench.Arg(args, "--batch-size") ?? o.BatchSize.ToString(), CultureInfo.InvariantCulture),
            StepNoise = int.Parse(TabularBench.Arg(args, "--step-noise") ?? o.StepNoise.ToString(), CultureInfo.InvariantCulture),
            CriticChannels = int.Parse(TabularBench.Arg(args, "--critic-channels") ?? o.CriticChannels.ToString(), CultureInfo.InvariantCulture),
            PenaltyFraction = double.Parse(TabularBench.Arg(args, "--penalty-fraction") ?? o.PenaltyFraction.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The benchmark's data as a long-format table and how to read it.</summary>
    internal static (RawTable Table, SequenceOptions Options) Load(string what, string[] args)
    {
        switch (what)
        {
            case "sines":
            {
                const int count = 10_000, length = 24, features = 5;
                var values = Sines.Generate(count, length, features, seed: 0);
                var columns = new List<string> { "id", "t" };
                columns.AddRange(Enumerable.Range(1, features).Select(k => $"x{k}"));
                var cells = columns.Select(_ => new string?[count * length]).ToList();
                for (int i = 0; i < count; i++)
                    for (int t = 0; t < length; t++)
                    {
                        int row = i * length + t;
                        cells[0][row] = i.ToString(CultureInfo.InvariantCulture);
                        cells[1][row] = t.ToString(CultureInfo.InvariantCulture);
                        for (int k = 0; k < features; k++) cells[2 + k][row] = values[(i * length + t) * features + k].ToString("R", CultureInfo.InvariantCulture);
                    }
                return (new RawTable("sines", columns, cells, Enumerable.Range(2, count * length).ToArray()), new SequenceOptions { Entity = ["id"], Time = "t" });
            }
            case "stocks":
            {
                string path = TabularBench.Arg(args, "--data") ?? "../shared/datasets/timeseries/stock_data.csv";
                var raw = TableReader.Read(path);
                // The released code reverses the file (ori_data[::-1]) before scaling and windowing.
                var reversed = new RawTable(raw.Source, raw.Columns.ToList(), raw.Cells.Select(c => c.Reverse().ToArray()).ToList(), raw.Lines.Reverse().ToArray(), raw.Format);
                return (reversed, new SequenceOptions { Window = int.Parse(TabularBench.Arg(args, "--window") ?? "24", CultureInfo.InvariantCulture) });
            }
            case "demo":
                return (DemoPanel.Generate(int.Parse(TabularBench.Arg(args, "--machines") ?? "300", CultureInfo.InvariantCulture)), new SequenceOptions { Time = "timestamp", Entity = ["machine"] });
            default: throw new ArgumentException($"unknown time-series benchmark '{what}' (sines, stocks, demo, profile)");
        }
    }

    /// <summary>Milliseconds of the critic's forward, backward and gradient penalty on a batch of 128 × 24 × 6.</summary>
    private static void CriticProfile(string[] args)
    {
        using var critic = new SequenceCritic(6, 24, 0, 64);
        var x = TorchSharp.torch.rand(128, 24, 6);
        var c = TorchSharp.torch.ones(128, 24);
        void Time(string name, Action a)
        {
            for (int i = 0; i < 3; i++) a();
            var w = Stopwatch.StartNew();
            for (int i = 0; i < 20; i++) using (TorchSharp.torch.NewDisposeScope()) a();
            Console.WriteLine($"| {name} | {w.Elapsed.TotalMilliseconds / 20:F2} ms |");
        }
        Time("forward", () => { using var _ = TorchSharp.torch.no_grad(); critic.call(x, c); });
        Time("forward + backward", () => { critic.call(x, c).mean().backward(); });
        Time("penalty (double backward)", () =>
        {
            var m = x.detach().requires_grad_(true);
            var s = critic.call(m, c);
            var g = TorchSharp.torch.autograd.grad(new[] { s }, new[] { m }, new[] { TorchSharp.torch.ones_like(s) }, retain_graph: true, create_graph: true)[0];
            (g.reshape(128, -1).square().sum(1).sqrt() - 1).square().mean().backward();
        });
    }

    /// <summary>Seconds per generator step (with its critic steps) of a few configurations, timed after 5 warm-up steps.</summary>
    private static void Profile(string[] args)
    {
        var (table, options) = Load(TabularBench.Arg(args, "--data") ?? "sines", args);
        var real = SequenceReader.Read(table, options);
        long steps = long.Parse(TabularBench.Arg(args, "--steps") ?? "20", CultureInfo.InvariantCulture);
        var configs = new (string Name, SequenceGanOptions Options)[]
        {
            ("default", new SequenceGanOptions()),
            ("critic steps 1", new SequenceGanOptions { CriticSteps = 1 }),
            ("no penalty", new SequenceGanOptions { GradientPenaltyWeight = 0 }),
            ("hidden 32", new SequenceGanOptions { Hidden = 32 }),
            ("critic channels 32", new SequenceGanOptions { CriticChannels = 32 }),
            ("batch 64", new SequenceGanOptions { BatchSize = 64 }),
            ("penalty on 1/4", new SequenceGanOptions { PenaltyFraction = 0.25 }),
            ("channels 32, penalty on 1/4", new SequenceGanOptions { CriticChannels = 32, PenaltyFraction = 0.25 }),
        };
        Console.WriteLine("| configuration | s/step |");
        Console.WriteLine("|---|---|");
        foreach (var (name, o) in configs)
        {
            var prepared = SequenceSynthesizer.Prepare(real, o with { Steps = steps + 5, EntityMinimumSteps = 10 });
            var watch = new Stopwatch();
            prepared.Model.Train(prepared, (phase, step, total) => { if (phase == "sequences" && step == 5) watch.Start(); });
            watch.Stop();
            Console.WriteLine($"| {name} | {watch.Elapsed.TotalSeconds / steps:F4} |");
            prepared.Model.Dispose();
        }
    }
}
