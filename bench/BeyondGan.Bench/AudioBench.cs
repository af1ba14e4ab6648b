using System.Diagnostics;
using BeyondGan.Audio.Demo;
using BeyondGan.Audio.Features;
using BeyondGan.Audio.Model;
using BeyondGan.Bench;
using static TorchSharp.torch;

/// <summary>
/// The audio benchmarks (REFERENCES §5).
/// Usage: audio speed [--model spectrogram|specgan|wavegan] [--width (the preset's)] [--length 4096] [--layers 4] [--batch 64] [--critic-steps N] [--steps 10] [--threads N] : ms per
///        training step of the model's cpu preset (its critic updates with the gradient penalty, one generator update) on the demo's sounds, with the
///        step's FLOPs and the float32 matmul throughput measured in the same run.
///        audio fsdd-manifests [--data DIR] [--out DIR] : train.csv and test.csv manifests of FSDD's official split (takes 0–4 test).
/// </summary>
internal static class AudioBench
{
    public static void Run(string[] args)
    {
        string what = args.Length > 0 ? args[0] : "speed";
        if (TabularBench.Arg(args, "--threads") is { } t) set_num_threads(int.Parse(t));
        switch (what)
        {
            case "speed": Speed(args); break;
            case "fsdd-manifests": Manifests(args); break;
            case "profile": Profile(args); break;
            default: throw new ArgumentException($"audio {what}: unknown (speed, fsdd-manifests)");
        }
    }

    private static int Int(string[] args, string name, int fallback) => TabularBench.Arg(args, name) is { } v ? int.Parse(v) : fallback;

    private static void Speed(string[] args)
    {
        var preset = AudioModelOptions.Preset("cpu", TabularBench.Arg(args, "--model") ?? "spectrogram");
        var options = preset with
        {
            Width = Int(args, "--width", preset.Width), Length = Int(args, "--length", 4096), Layers = Int(args, "--layers", 4), BatchSize = Int(args, "--batch", 64),
            CriticSteps = Int(args, "--critic-steps", preset.CriticSteps),
            AuxiliaryClassifier = TabularBench.Arg(args, "--auxiliary-classifier") is { } w ? double.Parse(w, System.Globalization.CultureInfo.InvariantCulture) : preset.AuxiliaryClassifier,
        };
        int steps = Int(args, "--steps", 10), warmup = 2;
        Console.WriteLine($"libtorch threads: {get_num_threads()}, cores: {Environment.ProcessorCount}");
        double gflops = SpeedBench.MatmulGflops();
        Console.WriteLine($"matmul 1024x1024 fp32: {gflops:F1} GFLOP/s");
        var clips = DemoSounds.Make(50, options.SampleRate, options.Length, seed: 1);
        var watch = new Stopwatch();
        using var model = AudioSynthesizer.Fit(clips, options with { Steps = warmup + steps }, (step, _) => { if (step == warmup) watch.Start(); });
        double ms = watch.Elapsed.TotalMilliseconds / steps;
        double flops = StepFlops(options, conditional: true);
        long parameters = model.Generator.parameters().Sum(p => p.numel());
        Console.WriteLine($"{options.Model} d={options.Width}, {options.Length} samples, {options.Layers} layers, batch {options.BatchSize}, {options.CriticSteps} critic steps, conditional (4 labels), auxiliary classifier {options.AuxiliaryClassifier}: " +
                          $"{ms:F0} ms/step, {flops / 1e9:F1} GFLOP/step, {flops / (ms / 1000) / 1e9:F1} GFLOP/s = {100 * flops / (ms / 1000) / 1e9 / gflops:F0}% of matmul; generator {parameters:N0} parameters");
    }

    /// <summary>
    /// Multiply-adds of one sample through each network, ×2 for FLOPs. A training step is counted as: per critic update, a
    /// generator forward, critic forward + backward on real and fake (3 forwards each), and the penalty on its share of the
    /// batch (a forward, the input gradient, then the double backward: 6 forwards); the generator update, a generator
    /// forward + backward and a critic forward + backward into the samples (3 each). The auxiliary classifier, when on, runs
    /// the critic once more forward and backward on the real batch in each critic update and on the fakes in the generator
    /// update (3 each; its dense head is negligible).
    /// </summary>
    private static double StepFlops(AudioModelOptions o, bool conditional)
    {
        var (g, d) = o.Model switch { "spectrogram" => SpectrogramMacs(o, conditional), "specgan" => SpecGanMacs(o, conditional), _ => WaveGanMacs(o, conditional) };
        double classifier = conditional && o.AuxiliaryClassifier > 0 ? 3 * d : 0;
        double perCritic = g + 2 * 3 * d + 6 * d * o.PenaltyFraction + classifier, perGenerator = 3 * g + 3 * d + classifier;
        return 2 * o.BatchSize * (o.CriticSteps * perCritic + perGenerator);
    }

    private static (double G, double D) WaveGanMacs(AudioModelOptions o, bool conditional)
    {
        double g = 0, d = 0;
        long start = o.Length / (1L << (2 * o.Layers));
        long ch = (long)o.Width << (o.Layers - 1);
        g += (o.LatentSize + (conditional ? o.LabelEmbedding : 0)) * (double)(start * ch);
        long length = start;
        for (int i = 0; i < o.Layers; i++)
        {
            long outputs = i == o.Layers - 1 ? 1 : ch >> 1;
            g += (double)length * ch * outputs * 25;
            length *= 4;
            ch = outputs;
        }
        length = o.Length;
        long inputs = 1;
        for (int i = 0; i < o.Layers; i++)
        {
            long outputs = (long)o.Width << i;
            length /= 4;
            d += (double)length * inputs * outputs * 25;
            inputs = outputs;
        }
        d += length * inputs * 2.0;   // score and projection
        return (g, d);
    }

    private static (double G, double D) SpectrogramMacs(AudioModelOptions o, bool conditional)
    {
        int w = o.Width, bins = 128, frames = o.Length / o.Hop;
        int[] gc = [16 * w, 16 * w, 8 * w, 8 * w, bins], dc = [bins, 8 * w, 8 * w, 16 * w, 16 * w];
        double g = (o.LatentSize + (conditional ? o.LabelEmbedding : 0)) * (double)(frames / 16 * gc[0]), d = 0;
        for (int i = 0; i < 4; i++)
        {
            g += (double)(frames >> (4 - i)) * gc[i] * gc[i + 1] * 5;   // input positions × in × out × kernel
            d += (double)(frames >> (i + 1)) * dc[i] * dc[i + 1] * 5;   // output positions × in × out × kernel
        }
        d += (frames / 16) * dc[4] * 2.0;
        return (g, d);
    }

    private static (double G, double D) SpecGanMacs(AudioModelOptions o, bool conditional)
    {
        int w = o.Width;
        long bins = 128, frames = o.Length / o.Hop;
        int[] gc = [16 * w, 8 * w, 4 * w, 2 * w, w, 1], dc = [1, w, 2 * w, 4 * w, 8 * w, 16 * w];
        long start = bins / 32 * (frames / 32);
        double g = (o.LatentSize + (conditional ? o.LabelEmbedding : 0)) * (double)(start * gc[0]), d = 0;
        for (int i = 0; i < 5; i++)
        {
            g += (double)(start << (2 * i)) * gc[i] * gc[i + 1] * 25;          // input pixels × in × out × 5 × 5
            d += (double)(bins * frames >> (2 * (i + 1))) * dc[i] * dc[i + 1] * 25;   // output pixels × in × out × 5 × 5
        }
        d += start * dc[5] * 2.0;
        return (g, d);
    }

    /// <summary>Milliseconds of each part of a training step (--model, WaveGAN by default) on one batch: generator forward and backward, critic forward and backward, the penalty.</summary>
    private static void Profile(string[] args)
    {
        var preset = AudioModelOptions.Preset("cpu", TabularBench.Arg(args, "--model") ?? "wavegan");
        var o = preset with { Width = Int(args, "--width", preset.Width), Length = Int(args, "--length", 4096), Layers = Int(args, "--layers", 4), BatchSize = Int(args, "--batch", 64) };
        int frames = o.Length / o.Hop;
        using var stft = o.UsesSpectrogram ? new StftMagnitude(o.Length, hop: o.Hop) : null;
        using var g = UpsamplingGenerator.For(o, 10, stft);
        using var d = StridedCritic.For(o, 10, stft);
        using var rng = new TorchSharp.torch.Generator(1);
        d.Rng = rng;
        var c = nn.functional.one_hot(randint(10, [o.BatchSize], generator: rng), 10).to(ScalarType.Float32);
        long[] shape = o.Model == "wavegan" ? [o.BatchSize, 1, o.Length] : [o.BatchSize, 128, frames];
        var real = randn(shape, generator: rng) * 0.1;
        double Time(string name, Action a)
        {
            for (int i = 0; i < 2; i++) { using var s0 = NewDisposeScope(); a(); }
            var w = Stopwatch.StartNew();
            for (int i = 0; i < 5; i++) { using var s1 = NewDisposeScope(); a(); }
            double ms = w.Elapsed.TotalMilliseconds / 5;
            Console.WriteLine($"{name}: {ms:F1} ms");
            return ms;
        }
        Time("generator forward (no grad)", () => { using var _ = no_grad(); g.call(g.SampleLatent(o.BatchSize, rng, CPU), c); });
        Time("generator forward + backward", () => { g.zero_grad(); g.call(g.SampleLatent(o.BatchSize, rng, CPU), c).sum().backward(); });
        Time("critic forward (no grad)", () => { using var _ = no_grad(); d.call(real, c); });
        Time("critic forward + backward (weights)", () => { d.zero_grad(); d.call(real, c).sum().backward(); });
        var penalty = new BeyondGan.Regularizers.GradientPenalty();
        Time("gradient penalty forward + backward", () =>
        {
            d.zero_grad();
            var p = penalty.CriticPenalty(new BeyondGan.Regularizers.CriticPenaltyInputs(d, real, real * 0.5, c, c, zeros(1), zeros(1), rng))!;
            p.backward();
        });
    }

    private static void Manifests(string[] args)
    {
        string data = TabularBench.Arg(args, "--data") ?? "../shared/datasets/audio";
        string outDir = TabularBench.Arg(args, "--out") ?? ".";
        var lines = File.ReadAllLines(Path.Combine(data, "fsdd_manifest.csv"));
        var header = lines[0].Split(',');
        int file = Array.IndexOf(header, "file"), digit = Array.IndexOf(header, "digit"), split = Array.IndexOf(header, "official_split");
        var folder = Path.GetFullPath(Path.Combine(data, "fsdd"));
        Directory.CreateDirectory(outDir);
        foreach (var part in new[] { "train", "test" })
        {
            var rows = lines.Skip(1).Select(l => l.Split(',')).Where(f => f[split] == part).Select(f => $"{Path.Combine(folder, f[file])},{f[digit]}").ToList();
            File.WriteAllLines(Path.Combine(outDir, $"{part}.csv"), ["path,label", .. rows]);
            Console.WriteLine($"{part}.csv: {rows.Count} clips");
        }
    }
}
