using System.Diagnostics;
using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.Regularizers;
using BeyondGan.Toy;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

using Generator = BeyondGan.Modules.Generator;
namespace BeyondGan.Bench;

/// <summary>Milliseconds per training step, FLOPs per step, and the matmul throughput libtorch reaches here.</summary>
internal static class SpeedBench
{
    /// <summary>Random CTGAN-shaped rows: 150 generator outputs, 20 condition columns (170 critic inputs).</summary>
    private sealed class RandomRows : IBatchSource
    {
        public Batch Next(int batchSize, TorchSharp.torch.Generator rng, Device device) =>
            new(randn(new long[] { batchSize, 170 }, generator: rng));
    }

    /// <summary>CTGAN-sized generator: 128 → 256 → 256 → 150 with BatchNorm (plain MLP; CTGAN's residual concat adds width).</summary>
    public static (GanTrainer<MlpGenerator, MlpCritic> Trainer, double Flops) CtganSized(bool residualWidths,
        ScalarType compute = ScalarType.Float32, bool reuseFakes = false, double penaltyFraction = 1, bool jointCriticPass = false,
        OptimizerKind optimizer = OptimizerKind.Adam)
    {
        Seeding.Seed(1);
        // The critic sees 170 columns (150 generated + 20 condition); we generate 170 directly to keep the shape.
        var g = new MlpGenerator(128, new[] { 256, 256 }, 170, Activation.ReLU, batchNorm: true);
        var d = new MlpCritic(170, new[] { 256, 256 }, Activation.LeakyReLU, pack: 10, dropout: 0.5);
        BeyondGan.Layers.PrecisionLinear.SetComputeType(g, compute);
        BeyondGan.Layers.PrecisionLinear.SetComputeType(d, compute);
        var trainer = new GanTrainer<MlpGenerator, MlpCritic>(g, d, new WassersteinLoss(), new RandomRows(),
            new GanTrainerOptions
            {
                BatchSize = 500, Seed = 1, ReuseCriticFakes = reuseFakes, JointCriticPass = jointCriticPass,
                GeneratorOptimizer = new OptimizerSpec { Kind = optimizer, LearningRate = 2e-4, Beta1 = 0.5, Beta2 = 0.9, WeightDecay = 1e-6 },
                CriticOptimizer = new OptimizerSpec { Kind = optimizer, LearningRate = 2e-4, Beta1 = 0.5, Beta2 = 0.9, WeightDecay = 1e-6 },
            }, new GanRegularizer[] { new GradientPenalty(10, penaltyFraction) });
        return (trainer, CtganFlops(penaltyFraction));
    }

    /// <summary>
    /// Multiply-adds ×2 of the dense layers in one CTGAN-sized step (1 critic + 1 generator update), counting a
    /// backward pass as 2× the forward and the gradient penalty's double backward as 4× the critic forward (on
    /// <paramref name="penaltyFraction"/> of the packs).
    /// </summary>
    public static double CtganFlops(double penaltyFraction = 1)
    {
        double gF = 500.0 * (128 * 256 + 256 * 256 + 256 * 170) * 2;
        double dF = 50.0 * (1700 * 256 + 256 * 256 + 256) * 2;
        double criticStep = gF /*fake, no grad*/ + 2 * dF * 3 /*real+fake fwd+bwd*/ + dF * 5 * penaltyFraction /*GP: fwd, grad, double backward*/;
        double generatorStep = gF * 3 + dF * 3;
        return criticStep + generatorStep;
    }

    public static double MatmulGflops(int n = 1024, int reps = 20, bool bf16 = false)
    {
        using var scope = NewDisposeScope();
        var a = randn(n, n).to(bf16 ? ScalarType.BFloat16 : ScalarType.Float32);
        var b = randn(n, n).to(a.dtype);
        for (int i = 0; i < 3; i++) a.matmul(b);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < reps; i++) a.matmul(b).Dispose();
        return 2.0 * n * n * n * reps / sw.Elapsed.TotalSeconds / 1e9;
    }

    public static double MsPerStep<TG, TC>(GanTrainer<TG, TC> trainer, int warmup, int steps) where TG : Generator where TC : Critic
    {
        trainer.Train(trainer.Step + warmup);
        var sw = Stopwatch.StartNew();
        trainer.Train(trainer.Step + steps);
        return sw.Elapsed.TotalMilliseconds / steps;
    }

    /// <summary>The CTGAN-sized steps timed, from the paper's to all of CTGAN's defaults (the last).</summary>
    private static readonly (string Name, ScalarType Compute, bool ReuseFakes, double PenaltyFraction, bool JointPass, OptimizerKind Optimizer)[] CtganSteps =
    {
        ("float32", ScalarType.Float32, false, 1.0, false, OptimizerKind.Adam), ("bfloat16 matmuls", ScalarType.BFloat16, false, 1.0, false, OptimizerKind.Adam),
        ("bfloat16 + reused fakes", ScalarType.BFloat16, true, 1.0, false, OptimizerKind.Adam),
        ("bfloat16, reused fakes, penalty on 1/5 of the packs, one critic call for real and fake; TorchSharp's Adam", ScalarType.BFloat16, true, 0.2, true, OptimizerKind.Adam),
        ("all CTGAN defaults (the same with FlatAdam)", ScalarType.BFloat16, true, 0.2, true, OptimizerKind.FlatAdam),
    };

    /// <summary>Usage: speed [THREADS] [--defaults-only [--reps R] [--steps N]]. With --defaults-only, only the CTGAN-sized
    /// step with all CTGAN defaults, R fresh trainers of N timed steps each, then the median (for interleaved comparisons
    /// and for profiling one configuration).</summary>
    public static void Run(string[] args)
    {
        int threads = args.Length > 0 && !args[0].StartsWith("--") ? int.Parse(args[0]) : 0;
        if (threads > 0) set_num_threads(threads);
        Console.WriteLine($"libtorch threads: {get_num_threads()}, cores: {Environment.ProcessorCount}");
        if (args.Contains("--defaults-only")) { DefaultsOnly(args); return; }
        double gflops = MatmulGflops();
        Console.WriteLine($"matmul 1024x1024 fp32: {gflops:F1} GFLOP/s");

        using (var toy = ToyExperiment.BuildTrainer(ToyPresets.Quick(), GaussianMixture2D.Grid(), 1))
            Console.WriteLine($"toy preset 'quick' (grid): {MsPerStep(toy, 50, 300):F2} ms/step");
        using (var toy = ToyExperiment.BuildTrainer(ToyPresets.PacGan(1), GaussianMixture2D.Grid(), 1))
            Console.WriteLine($"toy preset 'gan' (grid): {MsPerStep(toy, 50, 300):F2} ms/step");

        foreach (var (name, compute, reuse, fraction, joint, optimizer) in CtganSteps)
        {
            var (ctgan, flops) = CtganSized(false, compute, reuse, fraction, joint, optimizer);
            using (ctgan)
            {
                double ms = MsPerStep(ctgan, 20, 200);
                double achieved = flops / (ms / 1000) / 1e9;
                Console.WriteLine($"CTGAN-sized WGAN-GP step (batch 500, pac 10), {name}: {ms:F2} ms/step, {flops / 1e9:F3} GFLOP/step (float32 count), " +
                                  $"{achieved:F1} GFLOP/s = {100 * achieved / gflops:F0}% of float32 matmul throughput");
            }
        }
        Console.WriteLine($"matmul 1024x1024 bf16: {MatmulGflops(bf16: true):F1} GFLOP/s");
    }

    private static void DefaultsOnly(string[] args)
    {
        int Option(string name, int fallback) => args.Contains(name) ? int.Parse(args[Array.IndexOf(args, name) + 1]) : fallback;
        int reps = Option("--reps", 5), steps = Option("--steps", 200);
        var times = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            var d = CtganSteps[^1];
            var (ctgan, flops) = CtganSized(false, d.Compute, d.ReuseFakes, d.PenaltyFraction, d.JointPass, d.Optimizer);
            using (ctgan)
            {
                double ms = MsPerStep(ctgan, 20, steps);
                times.Add(ms);
                Console.WriteLine($"CTGAN-sized step, all CTGAN defaults, run {r + 1}: {ms:F2} ms/step ({flops / (ms / 1000) / 1e9:F1} GFLOP/s)");
            }
        }
        times.Sort();
        Console.WriteLine($"median of {reps}: {times[reps / 2]:F2} ms/step (range {times[0]:F2}–{times[^1]:F2})");
    }
}
