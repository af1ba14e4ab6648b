using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.Toy;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;
using TorchSharp.Modules;

namespace BeyondGan.Core.Tests;

public class PhaseScheduleTests
{
    /// <summary>A phase that fits y = a·x + b with Adam on random batches: a stand-in for a pre-training phase.</summary>
    private sealed class RegressionPhase : TrainingPhase
    {
        private readonly nn.Module<Tensor, Tensor> net;
        private readonly OptimizerHelper optimizer;
        private readonly float a, b;

        public RegressionPhase(string name, long steps, nn.Module<Tensor, Tensor> net, float a, float b) : base(name, steps)
        {
            this.net = net;
            this.a = a;
            this.b = b;
            optimizer = optim.Adam(net.parameters(), 0.05);
        }

        public int Begins { get; private set; }

        public override void Begin() { Begins++; net.train(); }

        public override void Step(PhaseStep step)
        {
            var x = randn(new long[] { 32, 1 }, generator: step.Rng);
            var loss = nn.functional.mse_loss(net.call(x), a * x + b);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            step.Record("mse", loss.item<float>());
        }

        public override void SaveState(BinaryWriter writer) => optimizer.save_state_dict(writer);
        public override void LoadState(BinaryReader reader) => optimizer.load_state_dict(reader);
    }

    private static (PhaseSchedule Schedule, nn.Module<Tensor, Tensor> Net, RegressionPhase First) Build(long seed)
    {
        Seeding.Seed(1);
        var net = nn.Linear(1, 1);
        var first = new RegressionPhase("warmup", 30, net, 2, 1);
        var second = new RegressionPhase("refit", 20, net, -1, 3);
        return (new PhaseSchedule([first, second], seed), net, first);
    }

    [Fact]
    public void Phases_run_in_order_and_record_their_metrics()
    {
        var (schedule, net, first) = Build(4);
        using var _ = schedule;
        var reports = new List<PhaseReport>();
        Assert.Equal(TrainingOutcome.Completed, schedule.Train(onStep: reports.Add));
        Assert.Equal(50, reports.Count);
        Assert.Equal(Enumerable.Repeat("warmup", 30).Concat(Enumerable.Repeat("refit", 20)), reports.Select(r => r.Phase));
        Assert.Equal(50, reports[^1].Done);
        Assert.True(schedule.IsComplete);
        Assert.Equal(1, first.Begins);
        Assert.Equal(30, schedule.History.Series("warmup/mse").Count());
        Assert.Equal(20, schedule.History.Series("refit/mse").Count());
        // The second phase fitted y = −x + 3.
        using var y = net.call(tensor(new float[] { 0, 1 }).reshape(2, 1));
        var v = TestNets.Flatten(y);
        Assert.InRange(v[0], 1.5f, 4.5f);
    }

    [Fact]
    public void A_run_stopped_and_resumed_equals_one_run_straight_through()
    {
        float[] straight;
        string history;
        {
            var (schedule, net, _) = Build(7);
            using var __ = schedule;
            schedule.Train();
            straight = TestNets.AllWeights(net);
            history = schedule.History.ToCsv();
        }
        var stream = new MemoryStream();
        float[] weightsAtStop;
        {
            var (schedule, net, _) = Build(7);
            using var __ = schedule;
            using var cts = new CancellationTokenSource();
            // Stop inside the first phase, after 12 steps.
            Assert.Equal(TrainingOutcome.Cancelled, schedule.Train(cts.Token, r => { if (r.Done == 12) cts.Cancel(); }));
            Assert.Equal(12, schedule.Done);
            using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            schedule.SaveState(w);
            weightsAtStop = TestNets.AllWeights(net);
        }
        {
            var (schedule, net, first) = Build(99);   // another seed: the random state comes from the saved state
            using var __ = schedule;
            using (no_grad())
            {
                var p = net.parameters().ToList();
                int i = 0;
                foreach (var t in p) { var n = (int)t.numel(); t.copy_(tensor(weightsAtStop[i..(i + n)]).reshape(t.shape)); i += n; }
            }
            stream.Position = 0;
            using var r = new BinaryReader(stream);
            schedule.LoadState(r);
            Assert.Equal(12, schedule.Done);
            schedule.Train();
            Assert.Equal(straight, TestNets.AllWeights(net));
            Assert.Equal(history, schedule.History.ToCsv());
            Assert.Equal(1, first.Begins);   // resumed inside the first phase: it begins again, once
        }
    }

    [Fact]
    public void The_adversarial_game_as_a_phase_trains_exactly_as_the_trainer_does()
    {
        GanTrainer<MlpGenerator, MlpCritic> Trainer()
        {
            Seeding.Seed(3);
            return new GanTrainer<MlpGenerator, MlpCritic>(new MlpGenerator(2, [16], 2), new MlpCritic(2, [16]), new NonSaturatingLoss(),
                GaussianMixture2D.Ring(), new GanTrainerOptions { BatchSize = 32, Seed = 5 });
        }
        float[] direct;
        using (var t = Trainer()) { t.Train(40); direct = TestNets.AllWeights(t.Generator).Concat(TestNets.AllWeights(t.Critic)).ToArray(); }
        using var trainer = Trainer();
        using var schedule = new PhaseSchedule([trainer.AsPhase(40)], seed: 0);
        var reports = new List<PhaseReport>();
        schedule.Train(onStep: reports.Add);
        Assert.Equal(direct, TestNets.AllWeights(trainer.Generator).Concat(TestNets.AllWeights(trainer.Critic)).ToArray());
        Assert.Equal(40, trainer.Step);
        Assert.All(reports, r => Assert.True(r.Metrics.ContainsKey("critic_loss") && r.Metrics.ContainsKey("generator_loss")));
    }

    [Fact]
    public void Phase_names_must_differ_and_steps_cannot_be_negative()
    {
        var net = nn.Linear(1, 1);
        Assert.Throws<ArgumentException>(() => new PhaseSchedule([new RegressionPhase("a", 1, net, 1, 0), new RegressionPhase("a", 1, net, 1, 0)], 0));
        Assert.Throws<ArgumentException>(() => new RegressionPhase("a", -1, net, 1, 0));
    }
}
