using System.Diagnostics;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using BeyondGan.Tabular.Sampling;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>Where one CTGAN training step on Adult spends its time. Usage: tabular profile [--threads T] [--bf16] [--no-steps | --steps-only [--reps N] [--default-only]] [--parts]  (--parts: batch source and EMA update costs)</summary>
internal static class TabularProfile
{
    private static double Time(int reps, Action a) => BeyondGan.Bench.Profile.Time(reps, a);

    public static void Run(string[] args)
    {
        int threads = args.Contains("--threads") ? int.Parse(args[Array.IndexOf(args, "--threads") + 1]) : 2;
        TorchRuntime.EnsureLoaded();
        TorchRuntime.SetThreads(threads);
        var table = TableReader.Read(TabularBench.FindDataset("tabular/adult.csv"));
        var prepared = CtganSynthesizer.Prepare(table, SchemaInference.Infer(table), new CtganOptions { Epochs = 1, Precision = BeyondGan.Runtime.ComputePrecision.Float32 });
        using var model = prepared.CreateModel();
        var g = model.Generator; var d = model.Critic;
        g.train(); d.train();
        if (args.Contains("--bf16"))
        {
            BeyondGan.Layers.PrecisionLinear.SetComputeType(g, ScalarType.BFloat16);
            BeyondGan.Layers.PrecisionLinear.SetComputeType(d, ScalarType.BFloat16);
        }
        var sampler = new ConditionalSampler(prepared.Transformer, prepared.Matrix, prepared.Rows);
        using var source = new TabularBatchSource(prepared.Transformer, prepared.Matrix, prepared.Rows, sampler);
        var rng = new TorchSharp.torch.Generator(1);
        if (args.Contains("--steps-only")) { WholeSteps(args, prepared); return; }
        if (args.Contains("--parts"))
        {
            using var m = prepared.CreateModel();
            var ema = new BeyondGan.Regularizers.GeneratorEma(0.999);
            ema.Attach(m.Generator, m.Critic, new BeyondGan.Losses.WassersteinLoss());
            var sampler0 = new ConditionalSampler(prepared.Transformer, prepared.Matrix, prepared.Rows);
            using var source0 = new TabularBatchSource(prepared.Transformer, prepared.Matrix, prepared.Rows, sampler0);
            var rng0 = new TorchSharp.torch.Generator(1);
            Console.WriteLine($"batch source: {Time(2000, () => source0.Next(500, rng0, CPU)):F3} ms");
            Console.WriteLine($"  rand 1500 doubles + copy out: {Time(2000, () => { using var u = rand(new long[] { 1500 }, dtype: ScalarType.Float64, generator: rng0); u.data<double>().ToArray(); }):F3} ms");
            var uni = new double[1500]; new Random(1).NextBytes(new byte[1]); for (int i = 0; i < uni.Length; i++) uni[i] = (i * 0.618) % 1;
            var (hot0, rows0) = (new long[500], new long[500]);
            Console.WriteLine($"  SampleForTraining (C#): {Time(2000, () => sampler0.SampleForTraining(uni, hot0, rows0)):F3} ms");
            Console.WriteLine($"  one_hot(condition): {Time(2000, () => nn.functional.one_hot(tensor(hot0), sampler0.ConditionWidth).to(ScalarType.Float32)):F3} ms");
            var data0 = frombuffer(prepared.Matrix, ScalarType.Float32, count: (long)prepared.Rows * prepared.Transformer.Width).view(prepared.Rows, prepared.Transformer.Width);
            var idx0 = tensor(Enumerable.Range(0, 500).Select(i => (long)i * 7).ToArray());
            Console.WriteLine($"  index_select rows: {Time(2000, () => data0.index_select(0, idx0)):F3} ms");
            Console.WriteLine($"  randperm 500: {Time(2000, () => randperm(500, generator: rng0)):F3} ms");
            Console.WriteLine($"EMA update ({m.Generator.parameters().Count()} tensors, {m.Generator.parameters().Sum(p => p.numel())} values): {Time(2000, () => ema.AfterGeneratorStep(m.Generator)):F3} ms");
            return;
        }
        Console.WriteLine($"batch source: {Time(100, () => source.Next(500, rng, CPU)):F2} ms");
        var batch = source.Next(500, rng, CPU);
        var c = batch.Condition!;
        Console.WriteLine($"G fwd no_grad: {Time(100, () => { using var _ = no_grad(); g.call(g.SampleLatent(500, rng, CPU), c); }):F2} ms");
        Console.WriteLine($"G raw fwd no_grad (no heads): {Time(100, () => { using var _ = no_grad(); g.Activate(randn(500, prepared.Transformer.Width)); }):F2} ms (heads only)");
        Console.WriteLine($"G fwd+bwd: {Time(100, () => g.call(g.SampleLatent(500, rng, CPU), c).sum().backward()):F2} ms");
        var plain = new TabularGenerator(128, prepared.Transformer.ConditionWidth, new[] { 256, 256 }, new[] { (0, new BeyondGan.Tabular.Transform.OutputSpan(157, BeyondGan.Tabular.Transform.SpanActivation.Tanh)) });
        plain.train();
        Console.WriteLine($"G body only (tanh head) fwd no_grad: {Time(100, () => { using var _ = no_grad(); plain.call(plain.SampleLatent(500, rng, CPU), c); }):F2} ms");
        Console.WriteLine($"G body only (tanh head) fwd+bwd: {Time(100, () => plain.call(plain.SampleLatent(500, rng, CPU), c).sum().backward()):F2} ms");
        var rawIn = randn(500, prepared.Transformer.Width).requires_grad_(true);
        Console.WriteLine($"heads only fwd+bwd: {Time(100, () => g.Activate(rawIn).sum().backward()):F2} ms");
        plain.eval();
        Console.WriteLine($"G body only eval fwd no_grad: {Time(100, () => { using var _ = no_grad(); plain.call(plain.SampleLatent(500, rng, CPU), c); }):F2} ms");
        var logits = randn(500, 15, 42);
        Console.WriteLine($"gumbel 500x15x42: {Time(100, () => { using var _ = no_grad(); BeyondGan.Discrete.GumbelSoftmax.Sample(logits, 0.2); }):F2} ms");
        Console.WriteLine($"rand 500x15x42: {Time(100, () => { using var _ = no_grad(); rand(logits.shape, generator: rng); }):F2} ms");
        Console.WriteLine($"rand 500x15x42 global: {Time(100, () => { using var _ = no_grad(); rand(logits.shape); }):F2} ms");
        Console.WriteLine($"log 500x15x42: {Time(100, () => { using var _ = no_grad(); logits.exp(); }):F2} ms");
        var zc = cat(new[] { randn(500, 128), c }, 1);
        var l1 = nn.Linear(232, 256); var b1 = nn.BatchNorm1d(256); var l2 = nn.Linear(488, 256); var bg = nn.BatchNorm1d(256); var l3 = nn.Linear(744, 157);
        Console.WriteLine($"linear 232->256: {Time(200, () => { using var _ = no_grad(); l1.call(zc); }):F3} ms");
        Console.WriteLine($"bn 256: {Time(200, () => { using var _ = no_grad(); b1.call(l1.call(zc)); }):F3} ms (with linear)");
        var h2 = randn(500, 744);
        Console.WriteLine($"linear 744->157: {Time(200, () => { using var _ = no_grad(); l3.call(h2); }):F3} ms");
        var h2b = h2.to(ScalarType.BFloat16); var w3b = randn(157, 744).to(ScalarType.BFloat16); var w3 = randn(157, 744);
        Console.WriteLine($"matmul 500x744x157 fp32 (prealloc): {Time(200, () => h2.matmul(w3.t())):F3} ms");
        Console.WriteLine($"matmul 500x744x157 bf16 (prealloc): {Time(200, () => h2b.matmul(w3b.t())):F3} ms");
        Console.WriteLine($"matmul 500x744x157 bf16 incl. casts: {Time(200, () => h2.to(ScalarType.BFloat16).matmul(w3.to(ScalarType.BFloat16).t()).to(ScalarType.Float32)):F3} ms");
        var big = randn(1024, 1024); var bigb = big.to(ScalarType.BFloat16);
        Console.WriteLine($"matmul 1024^3 fp32: {Time(50, () => big.matmul(big)):F3} ms, bf16: {Time(50, () => bigb.matmul(bigb)):F3} ms");
        Console.WriteLine($"randn 500x128: {Time(200, () => g.SampleLatent(500, rng, CPU)):F3} ms");
        Console.WriteLine($"matmul 500x744x157: {Time(200, () => h2.matmul(randn(157, 744).t())):F3} ms");
        var real = batch.Real;
        Console.WriteLine($"D fwd: {Time(100, () => d.call(real, c)):F2} ms");
        Console.WriteLine($"D fwd+bwd: {Time(100, () => d.call(real, c).sum().backward()):F2} ms");
        var gp = new BeyondGan.Regularizers.GradientPenalty(10, args.Contains("--bf16") ? 0.2 : 1.0);
        Console.WriteLine($"GP fwd+bwd: {Time(100, () => gp.CriticPenalty(new(d, real, real, c, c, real, real, rng))!.backward()):F2} ms");
        var ce = new ConditionalCrossEntropy(prepared.Transformer);
        var optD = torch.optim.Adam(d.parameters(), 2e-4, 0.5, 0.9, weight_decay: 1e-6);
        var optG = torch.optim.Adam(g.parameters(), 2e-4, 0.5, 0.9, weight_decay: 1e-6);
        var loss = new BeyondGan.Losses.WassersteinLoss();
        var sw2 = new Stopwatch();
        var parts = new double[8];
        void Lap(int i) { parts[i] += sw2.Elapsed.TotalMilliseconds; sw2.Restart(); }
        for (int it = 0; it < 60; it++)
        {
            if (it == 10) Array.Clear(parts);
            using var scope = NewDisposeScope();
            sw2.Restart();
            var b = source.Next(500, rng, CPU); Lap(0);
            Tensor fake; using (no_grad()) fake = g.call(g.SampleLatent(500, rng, CPU), b.FakeCondition); Lap(1);
            var rs = d.call(b.Real, b.Condition); var fs = d.call(fake, b.FakeCondition); var l = loss.CriticLoss(rs, fs); Lap(2);
            var pen = gp.CriticPenalty(new(d, b.Real, fake, b.Condition, b.FakeCondition, rs, fs, rng))!; Lap(3);
            optD.zero_grad(); (l + pen).backward(); optD.step(); Lap(4);
            var batchG = source.Next(500, rng, CPU);
            foreach (var p in d.parameters()) p.requires_grad = false;
            var z = g.SampleLatent(500, rng, CPU); var f2 = g.call(z, batchG.FakeCondition); Lap(5);
            var s2 = d.call(f2, batchG.FakeCondition); var lg = loss.GeneratorLoss(null, s2) + ce.GeneratorPenalty(new(g, d, f2, z, batchG.FakeCondition, s2, rng))!; Lap(6);
            optG.zero_grad(); lg.backward(); optG.step(); Lap(7);
            foreach (var p in d.parameters()) p.requires_grad = true;
        }
        string[] names = ["source", "G fwd (no grad)", "D real+fake fwd", "GP fwd+grad", "D backward+adam", "G-step source+G fwd", "G-step D fwd + CE", "G backward+adam"];
        for (int i = 0; i < 8; i++) Console.WriteLine($"  {names[i],-22} {parts[i] / 50:F2} ms");
        Console.WriteLine($"  total {parts.Sum() / 50:F2} ms");
        if (!args.Contains("--no-steps")) WholeSteps(args, prepared);
    }

    private static void WholeSteps(string[] args, PreparedTable prepared)
    {
        // Whole steps (2 epochs each) for the step-saving options, each on a fresh model; the configurations are
        // interleaved over --reps rounds and the fastest round is reported (the machine is shared and noisy).
        int reps = args.Contains("--reps") ? int.Parse(args[Array.IndexOf(args, "--reps") + 1]) : 3;
        var bf16 = BeyondGan.Runtime.ComputePrecision.BFloat16;
        // Each configuration from the paper's step (float32, fresh fakes, the penalty on every pack) up to the default.
        var paper = new CtganOptions { Epochs = 2, Precision = BeyondGan.Runtime.ComputePrecision.Float32, ReuseCriticFakes = false, GradientPenaltyFraction = 1, JointCriticPass = false };
        var configs = new (string Name, CtganOptions Options)[]
        {
            ("paper step", paper),
            ("paper step, no EMA", paper with { GeneratorEma = null }),
            ("reuse fakes", paper with { ReuseCriticFakes = true }),
            ("penalty on 1/5", paper with { GradientPenaltyFraction = 0.2 }),
            ("reuse + penalty 1/5", paper with { ReuseCriticFakes = true, GradientPenaltyFraction = 0.2 }),
            ("bf16", paper with { Precision = bf16 }),
            ("bf16 + reuse", paper with { Precision = bf16, ReuseCriticFakes = true }),
            ("bf16 + reuse + 1/5", paper with { Precision = bf16, ReuseCriticFakes = true, GradientPenaltyFraction = 0.2 }),
            ("+ joint critic pass (default)", new CtganOptions { Epochs = 2 }),
        };
        if (args.Contains("--default-only")) configs = configs[^2..];
        var best = configs.Select(_ => double.MaxValue).ToArray();
        for (int rep = 0; rep <= reps; rep++) // round 0 warms up
            for (int i = 0; i < configs.Length; i++)
            {
                var options = configs[i].Options;
                using var fresh = (prepared with { Options = options }).CreateModel();
                // Timed from step 10 to the last step: excludes warm-up and the once-per-fit end (EMA adoption, BatchNorm recalibration).
                var sw = new Stopwatch();
                long total = 2 * fresh.StepsPerEpoch(prepared.Rows);
                fresh.Train(prepared with { Options = options }, p =>
                {
                    if (p.Step == 10) sw.Start();
                    if (p.Step == total) sw.Stop();
                });
                double ms = sw.Elapsed.TotalMilliseconds / (total - 10);
                if (rep > 0) best[i] = Math.Min(best[i], ms);
            }
        for (int i = 0; i < configs.Length; i++) Console.WriteLine($"full step, {configs[i].Name,-28} {best[i]:F2} ms/step (fastest of {reps})");
    }
}
