using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.Regularizers;
using BeyondGan.Toy;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Core.Tests;

public class TrainerTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("beyondgan-tests-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>A trainer that exercises every piece of state: BatchNorm, dropout, EMA, replay, running means, noise.</summary>
    private static GanTrainer<MlpGenerator, MlpCritic> StatefulTrainer(long seed, bool flatAdam = false)
    {
        Seeding.Seed(seed);
        var g = new MlpGenerator(3, new[] { 16, 16 }, 2, batchNorm: true);
        var d = new MlpCritic(2, new[] { 16, 16 }, Activation.LeakyReLU, pack: 2, dropout: 0.2, spectralNorm: true, minibatchStdDev: true);
        var regs = new GanRegularizer[]
        {
            new GradientPenalty(1.0), new InstanceNoise(0.1, 40), new ExperienceReplay(64, 0.5),
            new HistoricalAveraging(1e-3), new GeneratorEma(0.9),
        };
        var options = new GanTrainerOptions
        {
            BatchSize = 16, CriticSteps = 2, Seed = seed, GradientClipNorm = 5.0,
            LearningRateDecay = new LearningRateDecay(20, 50, 0.1), // spans the checkpoint of the resume test
            GeneratorOptimizer = new OptimizerSpec { Kind = flatAdam ? OptimizerKind.FlatAdam : OptimizerKind.Adam, LearningRate = 1e-3 },
            CriticOptimizer = new OptimizerSpec { Kind = flatAdam ? OptimizerKind.FlatAdam : OptimizerKind.RMSprop, LearningRate = 1e-3 },
        };
        return new GanTrainer<MlpGenerator, MlpCritic>(g, d, new NonSaturatingLoss(), GaussianMixture2D.Ring(), options, regs);
    }

    private static float[] Snapshot(GanTrainer<MlpGenerator, MlpCritic> t) =>
        TestNets.AllWeights(t.Generator).Concat(TestNets.AllWeights(t.Critic))
            .Concat(t.Ema!.AveragedParameters.SelectMany(TestNets.Flatten))
            .Concat(TestNets.Flatten(t.Sample(32, seed: 5))).ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resuming_from_a_checkpoint_equals_training_straight_through(bool flatAdam)
    {
        float[] straight;
        string straightHistory;
        using (var t = StatefulTrainer(11, flatAdam))
        {
            t.Train(60);
            straight = Snapshot(t);
            straightHistory = t.History.ToCsv();
        }
        string path = Path.Combine(dir, "mid.ckpt");
        using (var t = StatefulTrainer(11, flatAdam))
        {
            t.Train(25);
            t.SaveCheckpoint(path);
        }
        using (var t = StatefulTrainer(99, flatAdam)) // different seed: everything must come from the checkpoint
        {
            t.LoadCheckpoint(path);
            Assert.Equal(25, t.Step);
            t.Train(60);
            Assert.Equal(straight, Snapshot(t));
            Assert.Equal(straightHistory, t.History.ToCsv());
        }
    }

    [Fact]
    public void Learning_rate_decay_is_linear_between_its_steps_and_never_zero_inside_the_run()
    {
        var decay = new LearningRateDecay(10, 20);
        Assert.Equal(1.0, decay.Factor(0));
        Assert.Equal(1.0, decay.Factor(9));
        Assert.Equal(1 - 1 / 11.0, decay.Factor(10), 12);
        Assert.Equal(1 - 10 / 11.0, decay.Factor(19), 12);
        Assert.Equal(0.0, decay.Factor(20));
        Assert.Equal(0.0, decay.Factor(1_000));
        Assert.Equal(0.5, new LearningRateDecay(0, 1, 0.5).Factor(5));
        Assert.Equal(new LearningRateDecay(15, 20), LearningRateDecay.OverLast(0.75, 20));
        Assert.Contains("0 ≤ start ≤ end", Assert.Throws<ArgumentException>(() => new LearningRateDecay(5, 4).Validate()).Message);
        Assert.Contains("final factor", Assert.Throws<ArgumentException>(() => new LearningRateDecay(0, 4, 1.5).Validate()).Message);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.FlatAdam)]
    public void Learning_rate_decay_reaches_both_optimisers(OptimizerKind kind)
    {
        Seeding.Seed(5);
        var options = new GanTrainerOptions
        {
            BatchSize = 16, Seed = 5, LearningRateDecay = new LearningRateDecay(2, 4),
            GeneratorOptimizer = new OptimizerSpec { Kind = kind, LearningRate = 1e-3 },
            CriticOptimizer = new OptimizerSpec { Kind = kind, LearningRate = 2e-3 },
        };
        using var t = new GanTrainer<MlpGenerator, MlpCritic>(new MlpGenerator(2, new[] { 8 }, 2), new MlpCritic(2, new[] { 8 }),
            new NonSaturatingLoss(), GaussianMixture2D.Ring(), options);
        t.Train(3); // steps 0, 1 at the base rates, step 2 at 2/3 of them
        Assert.Equal(1e-3 * 2 / 3, t.GeneratorOptimizer.ParamGroups.Single().LearningRate, 12);
        Assert.Equal(2e-3 * 2 / 3, t.CriticOptimizer.ParamGroups.Single().LearningRate, 12);
        t.Train(4);
        var weights = TestNets.AllWeights(t.Generator).Concat(TestNets.AllWeights(t.Critic)).ToArray();
        t.Train(7); // from step 4 on the rate is zero: Adam moves nothing
        Assert.Equal(0.0, t.GeneratorOptimizer.ParamGroups.Single().LearningRate);
        Assert.Equal(weights, TestNets.AllWeights(t.Generator).Concat(TestNets.AllWeights(t.Critic)).ToArray());
    }

    [Fact]
    public void Same_seed_gives_identical_runs_and_different_seeds_differ()
    {
        float[] Run(long seed)
        {
            using var t = StatefulTrainer(seed);
            t.Train(20);
            return Snapshot(t);
        }
        var a = Run(3);
        Assert.Equal(a, Run(3));
        Assert.NotEqual(a, Run(4));
    }

    /// <summary>Counts the batches a trainer asks for.</summary>
    private sealed class CountingSource(IBatchSource inner) : IBatchSource
    {
        public int Calls { get; private set; }
        public Batch Next(int batchSize, TorchSharp.torch.Generator rng, Device device) { Calls++; return inner.Next(batchSize, rng, device); }
    }

    [Fact]
    public void Reusing_the_critic_fakes_draws_one_batch_per_step_and_still_trains_the_generator()
    {
        (int Calls, float[] Before, float[] After) Run(bool reuse, int criticSteps)
        {
            Seeding.Seed(1);
            var g = new MlpGenerator(3, new[] { 16 }, 2, batchNorm: true);
            var d = new MlpCritic(2, new[] { 16 }, Activation.LeakyReLU, pack: 2);
            var source = new CountingSource(GaussianMixture2D.Ring());
            using var t = new GanTrainer<MlpGenerator, MlpCritic>(g, d, new WassersteinLoss(), source,
                new GanTrainerOptions { BatchSize = 16, CriticSteps = criticSteps, Seed = 1, ReuseCriticFakes = reuse },
                new GanRegularizer[] { new GradientPenalty(10) });
            var before = TestNets.AllWeights(g);
            t.Train(10);
            return (source.Calls, before, TestNets.AllWeights(g));
        }
        var fresh = Run(reuse: false, criticSteps: 2);
        var reused = Run(reuse: true, criticSteps: 2);
        Assert.Equal(30, fresh.Calls);   // 2 critic batches + 1 generator batch per step
        Assert.Equal(20, reused.Calls);  // the generator step reuses the last critic batch
        Assert.Equal(fresh.Before, reused.Before);
        Assert.NotEqual(reused.Before, reused.After);
        Assert.NotEqual(fresh.After, reused.After);
        Assert.Equal(reused.After, Run(reuse: true, criticSteps: 2).After); // still deterministic
    }

    [Fact]
    public void A_joint_critic_pass_gives_the_same_training_and_is_skipped_for_batch_statistics()
    {
        float[] Run(bool joint, bool minibatchStd)
        {
            Seeding.Seed(2);
            var g = new MlpGenerator(3, new[] { 16 }, 2);
            var d = new MlpCritic(2, new[] { 16 }, Activation.LeakyReLU, pack: 2, minibatchStdDev: minibatchStd);
            using var t = new GanTrainer<MlpGenerator, MlpCritic>(g, d, new WassersteinLoss(), GaussianMixture2D.Ring(),
                new GanTrainerOptions { BatchSize = 16, Seed = 2, JointCriticPass = joint }, new GanRegularizer[] { new GradientPenalty(10) });
            t.Train(10);
            return TestNets.AllWeights(g).Concat(TestNets.AllWeights(d)).ToArray();
        }
        // No dropout: one call on [real; fake] scores exactly what two calls score (up to summation order).
        var separate = Run(joint: false, minibatchStd: false);
        var joint = Run(joint: true, minibatchStd: false);
        Assert.Equal(separate.Length, joint.Length);
        for (int i = 0; i < separate.Length; i++) Assert.Equal(separate[i], joint[i], 4);
        Assert.True(new MlpCritic(2, new[] { 4 }).ScoresPacksIndependently);
        // Minibatch standard deviation is a batch statistic: the option is ignored, the run is unchanged bit for bit.
        Assert.False(new MlpCritic(2, new[] { 4 }, minibatchStdDev: true).ScoresPacksIndependently);
        Assert.Equal(Run(joint: false, minibatchStd: true), Run(joint: true, minibatchStd: true));
    }

    [Fact]
    public void Cancellation_stops_after_a_full_step_and_leaves_a_valid_checkpoint()
    {
        using var cts = new CancellationTokenSource();
        string path = Path.Combine(dir, "cancel.ckpt");
        using (var t = StatefulTrainer(2))
        {
            var outcome = t.Train(1000, cts.Token, r => { if (r.Step == 7) cts.Cancel(); });
            Assert.Equal(TrainingOutcome.Cancelled, outcome);
            Assert.Equal(7, t.Step);
            t.SaveCheckpoint(path);
        }
        using var resumed = StatefulTrainer(2);
        resumed.LoadCheckpoint(path);
        Assert.Equal(7, resumed.Step);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void Checkpoint_errors_are_clear()
    {
        using var t = StatefulTrainer(1);
        string foreign = Path.Combine(dir, "foreign.ckpt");
        File.WriteAllText(foreign, "hello, this is not a checkpoint");
        Assert.Contains("not a BeyondGan checkpoint", Assert.Throws<InvalidDataException>(() => t.LoadCheckpoint(foreign)).Message);

        string good = Path.Combine(dir, "good.ckpt");
        t.Train(2);
        t.SaveCheckpoint(good);
        var bytes = File.ReadAllBytes(good);

        string truncated = Path.Combine(dir, "truncated.ckpt");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated or corrupt", Assert.Throws<InvalidDataException>(() => t.LoadCheckpoint(truncated)).Message);

        string future = Path.Combine(dir, "future.ckpt");
        var copy = (byte[])bytes.Clone();
        BitConverter.GetBytes(GanCheckpoint.FormatVersion + 1).CopyTo(copy, 8);
        File.WriteAllBytes(future, copy);
        Assert.Contains($"format version {GanCheckpoint.FormatVersion + 1}", Assert.Throws<InvalidDataException>(() => t.LoadCheckpoint(future)).Message);

        Seeding.Seed(1);
        using var other = new GanTrainer<MlpGenerator, MlpCritic>(new MlpGenerator(3, new[] { 8 }, 2), new MlpCritic(2, new[] { 8 }),
            new WassersteinLoss(), GaussianMixture2D.Ring(), new GanTrainerOptions { BatchSize = 16 });
        Assert.Contains("does not match", Assert.Throws<InvalidDataException>(() => other.LoadCheckpoint(good)).Message);
        using var flat = StatefulTrainer(1, flatAdam: true);
        Assert.Contains("optimisers Adam/RMSProp vs FlatAdam/FlatAdam", Assert.Throws<InvalidDataException>(() => flat.LoadCheckpoint(good)).Message);
        Assert.Throws<FileNotFoundException>(() => t.LoadCheckpoint(Path.Combine(dir, "missing.ckpt")));
    }

    [Fact]
    public void Native_memory_and_live_tensors_stay_flat_over_2000_steps()
    {
        using var t = StatefulTrainer(5);
        t.Train(200);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        long rssBefore = CurrentRss();
        t.Train(2200);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long liveAfter = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        long rssAfter = CurrentRss();
        Assert.Equal(2200, t.Step);
        Assert.True(liveAfter - liveBefore <= 0, $"live tensors grew from {liveBefore} to {liveAfter}");
        Assert.True(rssAfter - rssBefore < 64L << 20, $"resident memory grew by {(rssAfter - rssBefore) >> 20} MiB over 2,000 steps");
    }

    private static long CurrentRss()
    {
        using var p = System.Diagnostics.Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }

    [Fact]
    public void Metrics_history_records_losses_and_penalties_and_round_trips()
    {
        using var t = StatefulTrainer(8);
        t.Train(5);
        Assert.Equal(5, t.History.Count);
        Assert.Contains("critic_loss", t.History.Columns);
        Assert.Contains("generator_loss", t.History.Columns);
        Assert.Contains("gradient_penalty_critic", t.History.Columns);
        Assert.Contains("historical_averaging_generator", t.History.Columns);
        var csv = t.History.ToCsv().Split('\n');
        Assert.StartsWith("step,critic_loss,generator_loss", csv[0]);
        Assert.Equal(t.History.ToCsv(), MetricsHistory.FromJson(t.History.ToJson()).ToCsv());
    }

    [Fact]
    public void Options_are_validated_with_clear_messages()
    {
        var g = new MlpGenerator(2, new[] { 8 }, 2);
        var d = new MlpCritic(2, new[] { 8 }, pack: 3);
        var e = Assert.Throws<ArgumentException>(() => new GanTrainer<MlpGenerator, MlpCritic>(g, d, new NonSaturatingLoss(),
            GaussianMixture2D.Ring(), new GanTrainerOptions { BatchSize = 10 }));
        Assert.Contains("divisible by the pack size 3", e.Message);
    }

    [Fact]
    public void Every_loss_trains_without_error()
    {
        foreach (var name in LossCatalog.Names)
        {
            var result = ToyExperiment.Run(TestNets.SmallRing(20) with { Loss = name }, GaussianMixture2D.Ring(), 1);
            Assert.Equal(20, result.StepsDone);
            Assert.True(double.IsFinite(result.History.Last("critic_loss")!.Value), name);
        }
    }

    [Fact]
    public void Short_ring_run_captures_most_modes()
    {
        var result = ToyExperiment.Run(TestNets.SmallRing(1500), GaussianMixture2D.Ring(), 1);
        Assert.True(result.Metrics.ModesCaptured >= 6, $"captured {result.Metrics.ModesCaptured}/8 modes");
    }

    [Fact]
    public void Rejection_sampling_returns_the_requested_count_reproducibly()
    {
        // Whether it improves the samples is measured by the 2-D benchmark (docs/BENCHMARKS.md), not here.
        var config = TestNets.SmallRing(300) with { Pac = 1 };
        var ring = GaussianMixture2D.Ring();
        Tensor Draw(out double acceptance)
        {
            using var trainer = ToyExperiment.BuildTrainer(config, ring, 1);
            trainer.Train(config.Steps);
            var drs = new DiscriminatorRejectionSampler { FineTuneSteps = 50, BurnIn = 2_000 };
            var x = drs.Sample(trainer, 1_500, 5);
            acceptance = drs.AcceptanceRate;
            return x;
        }
        using var a = Draw(out double rate);
        using var b = Draw(out _);
        Assert.Equal(new long[] { 1_500, 2 }, a.shape);
        Assert.InRange(rate, 0.001, 1.0);
        Assert.Equal(TestNets.Flatten(a), TestNets.Flatten(b));
    }
}
