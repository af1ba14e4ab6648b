using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.Regularizers;
using BeyondGan.Runtime;
using TorchSharp;
using static TorchSharp.torch;

using TorchSharp.Modules;
using Generator = BeyondGan.Modules.Generator;
namespace BeyondGan.Training;

/// <summary>
/// The alternating GAN training loop (Goodfellow et al. 2014, Algorithm 1): <see cref="GanTrainerOptions.CriticSteps"/>
/// critic updates, then one generator update, each with its own optimiser. Regularisers hook into each phase.
/// Every step runs inside a dispose scope, so native memory stays flat however long training runs.
/// </summary>
/// <typeparam name="TGenerator">Generator network.</typeparam>
/// <typeparam name="TCritic">Critic network.</typeparam>
public sealed class GanTrainer<TGenerator, TCritic> : IDisposable
    where TGenerator : Generator
    where TCritic : Critic
{
    private readonly List<GanRegularizer> regularizers;
    private readonly List<Parameter> criticParameters;
    private readonly List<Parameter> generatorParameters;

    /// <summary>Creates a trainer. Build the networks after <see cref="Seeding.Seed"/> for reproducible initial weights.</summary>
    public GanTrainer(TGenerator generator, TCritic critic, IGanLoss loss, IBatchSource data, GanTrainerOptions options,
        IEnumerable<GanRegularizer>? regularizers = null, IGeneratorObjective? generatorObjective = null)
    {
        GeneratorObjective = generatorObjective;
        TorchRuntime.EnsureLoaded();
        options.Validate(critic.PackSize);
        Generator = generator;
        Critic = critic;
        Loss = loss;
        Data = data;
        Options = options;
        Device = TorchRuntime.ParseDevice(options.Device);
        generator.to(Device);
        critic.to(Device);
        generatorParameters = generator.parameters().ToList();
        criticParameters = critic.parameters().ToList();
        GeneratorOptimizer = options.GeneratorOptimizer.Create(generatorParameters);
        CriticOptimizer = options.CriticOptimizer.Create(criticParameters);
        Rng = new torch.Generator((ulong)options.Seed);
        this.regularizers = (regularizers ?? Enumerable.Empty<GanRegularizer>()).ToList();
        foreach (var r in this.regularizers) r.Attach(generator, critic, loss);
    }

    /// <summary>The generator network.</summary>
    public TGenerator Generator { get; }
    /// <summary>The critic network.</summary>
    public TCritic Critic { get; }
    /// <summary>How the generator learns from the critic instead of the adversarial loss (a policy gradient), or null.</summary>
    public IGeneratorObjective? GeneratorObjective { get; }
    /// <summary>The adversarial loss.</summary>
    public IGanLoss Loss { get; }
    /// <summary>The real-data source.</summary>
    public IBatchSource Data { get; }
    /// <summary>Training options.</summary>
    public GanTrainerOptions Options { get; }
    /// <summary>Device the networks live on.</summary>
    public Device Device { get; }
    /// <summary>The generator's optimiser.</summary>
    public OptimizerHelper GeneratorOptimizer { get; }
    /// <summary>The critic's optimiser.</summary>
    public OptimizerHelper CriticOptimizer { get; }
    /// <summary>The trainer's own random generator: latent noise, batches and regularisers draw from it.</summary>
    public torch.Generator Rng { get; }
    /// <summary>Regularisers, in the order they run.</summary>
    public IReadOnlyList<GanRegularizer> Regularizers => regularizers;
    /// <summary>Generator steps completed.</summary>
    public long Step { get; internal set; }
    /// <summary>Per-step metrics.</summary>
    public MetricsHistory History { get; internal set; } = new();

    /// <summary>The generator's weight average, if a <see cref="GeneratorEma"/> regulariser is present.</summary>
    public GeneratorEma? Ema => regularizers.OfType<GeneratorEma>().FirstOrDefault();

    /// <summary>
    /// Trains until <see cref="Step"/> reaches <paramref name="totalSteps"/> or <paramref name="cancellation"/> is
    /// requested; a step in progress is always finished, so the state is consistent for a checkpoint.
    /// </summary>
    public TrainingOutcome Train(long totalSteps, CancellationToken cancellation = default, Action<StepReport>? onStep = null)
    {
        Generator.train();
        Critic.train();
        return StepLoop.Run(() => Step >= totalSteps, () =>
        {
            var report = TrainStep(totalSteps);
            onStep?.Invoke(report);
        }, cancellation);
    }

    /// <summary>
    /// This trainer's alternating game as a phase of <paramref name="steps"/> generator steps in a
    /// <see cref="PhaseSchedule"/> (after pre-training phases, say). It draws from this trainer's own
    /// <see cref="Rng"/> (a checkpoint of the trainer keeps its state) and records the losses as the phase's metrics.
    /// </summary>
    public TrainingPhase AsPhase(long steps, string name = "adversarial") => new AdversarialPhase(this, name, steps);

    /// <summary>
    /// Critic updates alone, on the generator's current samples, as a phase of <paramref name="steps"/> updates:
    /// pre-training the discriminator before the game (SeqGAN). The trainer's step count does not move.
    /// </summary>
    public TrainingPhase AsCriticPhase(long steps, string name = "critic") => new CriticPhase(this, name, steps);

    private sealed class CriticPhase(GanTrainer<TGenerator, TCritic> trainer, string name, long steps) : TrainingPhase(name, steps)
    {
        public override void Begin()
        {
            trainer.Generator.train();
            trainer.Critic.train();
        }

        public override void Step(PhaseStep step)
        {
            var terms = new Dictionary<string, double>();
            step.Record("critic_loss", trainer.CriticStep(terms, null));
        }
    }

    private sealed class AdversarialPhase(GanTrainer<TGenerator, TCritic> trainer, string name, long steps) : TrainingPhase(name, steps)
    {
        public override void Begin()
        {
            trainer.Generator.train();
            trainer.Critic.train();
        }

        public override void Step(PhaseStep step)
        {
            // The trainer's step at the phase's start plus the phase's steps: the run's end, for annealing regularisers.
            var report = trainer.TrainStep(trainer.Step - step.Step + Steps);
            step.Record("critic_loss", report.CriticLoss);
            step.Record("generator_loss", report.GeneratorLoss);
        }

        public override void SaveState(BinaryWriter writer) => writer.Write(trainer.Step);

        public override void LoadState(BinaryReader reader) => trainer.Step = reader.ReadInt64();
    }

    private StepReport TrainStep(long totalSteps)
    {
        using var scope = NewDisposeScope();
        foreach (var r in regularizers) r.OnStepBegin(Step, totalSteps);
        if (Options.LearningRateDecay is { } decay)
        {
            double factor = decay.Factor(Step);
            SetLearningRate(GeneratorOptimizer, Options.GeneratorOptimizer.LearningRate * factor);
            SetLearningRate(CriticOptimizer, Options.CriticOptimizer.LearningRate * factor);
        }
        double criticLoss = 0;
        var terms = new Dictionary<string, double>();
        Draw? kept = null;
        for (int k = 0; k < Options.CriticSteps; k++)
        {
            // With ReuseCriticFakes the last critic update's draw is made here, with the generator's graph, so that it
            // outlives the critic update and the generator update can backpropagate through it.
            if (Options.ReuseCriticFakes && k == Options.CriticSteps - 1) kept = DrawFakes(withGraph: true);
            criticLoss = CriticStep(terms, kept);
        }
        double generatorLoss = GeneratorStep(terms, kept);
        Step++;
        History.Record(Step, "critic_loss", criticLoss);
        History.Record(Step, "generator_loss", generatorLoss);
        foreach (var (name, value) in terms) History.Record(Step, name, value);
        return new StepReport(Step, totalSteps, criticLoss, generatorLoss);
    }

    private static void SetLearningRate(OptimizerHelper optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }

    private Tensor CriticInput(Tensor x)
    {
        foreach (var r in regularizers) x = r.TransformCriticInput(x, Rng);
        return x;
    }

    /// <summary>A batch of real data and the generator's samples for it (with or without the generator's graph).</summary>
    private sealed record Draw(Tensor Real, Tensor? RealCondition, Tensor? FakeCondition, Tensor Z, Tensor Fake);

    private Draw DrawFakes(bool withGraph)
    {
        var batch = Data.Next(Options.BatchSize, Rng, Device);
        var real = batch.Real.to(Device);
        var fakeCondition = batch.ConditionForFakes?.to(Device);
        var z = Generator.SampleLatent(real.shape[0], Rng, Device);
        Tensor fake;
        if (withGraph) fake = Generator.call(z, fakeCondition);
        else using (no_grad()) fake = Generator.call(z, fakeCondition);
        return new Draw(real, batch.Condition?.to(Device), fakeCondition, z, fake);
    }

    private double CriticStep(Dictionary<string, double> terms, Draw? kept)
    {
        using var scope = NewDisposeScope();
        var (real, realCondition, fakeCondition, _, fake) = kept ?? DrawFakes(withGraph: false);
        fake = fake.detach();
        foreach (var r in regularizers) (fake, fakeCondition) = r.SelectFakesForCritic(fake, fakeCondition, Rng);
        var realIn = CriticInput(real);
        var fakeIn = CriticInput(fake);
        var (realScores, fakeScores) = ScoreRealAndFake(realIn, realCondition, fakeIn, fakeCondition);
        var loss = Loss.CriticLoss(Critic, realScores, fakeScores);   // summed over the critic's score parts
        terms["critic_adversarial"] = loss.item<float>();
        var inputs = new CriticPenaltyInputs(Critic, realIn, fakeIn, realCondition, fakeCondition, realScores, fakeScores, Rng);
        loss = WithPenalties(loss, "critic", r => r.CriticPenalty(inputs), terms);
        double value = Descend(CriticOptimizer, criticParameters, loss);
        foreach (var r in regularizers) r.AfterCriticStep(Critic);
        return value;
    }

    private (Tensor Real, Tensor Fake) ScoreRealAndFake(Tensor real, Tensor? realCondition, Tensor fake, Tensor? fakeCondition)
    {
        if (!Options.JointCriticPass || !Critic.ScoresPacksIndependently || (realCondition is null) != (fakeCondition is null))
            return (Critic.call(real, realCondition), Critic.call(fake, fakeCondition));
        var scores = Critic.call(cat(new[] { real, fake }, 0),
            realCondition is null ? null : cat(new[] { realCondition, fakeCondition! }, 0));
        long realPacks = real.shape[0] / Critic.PackSize;
        return (scores.narrow(0, 0, realPacks), scores.narrow(0, realPacks, scores.shape[0] - realPacks));
    }

    /// <summary>Adds each regulariser's penalty for this phase to <paramref name="loss"/>, recording it as "name_phase".</summary>
    private Tensor WithPenalties(Tensor loss, string phase, Func<GanRegularizer, Tensor?> penaltyOf, Dictionary<string, double> terms)
    {
        foreach (var r in regularizers)
        {
            var penalty = penaltyOf(r);
            if (penalty is null) continue;
            terms[$"{r.Name}_{phase}"] = penalty.item<float>();
            loss = loss + penalty;
        }
        return loss;
    }

    private double GeneratorStep(Dictionary<string, double> terms, Draw? kept)
    {
        using var scope = NewDisposeScope();
        // The critic's weights get no gradient in this phase: freezing them skips their weight-gradient work.
        foreach (var p in criticParameters) p.requires_grad = false;
        try
        {
            Tensor loss;
            if (GeneratorObjective is { } objective)
            {
                var batch = Data.Next(Options.BatchSize, Rng, Device);
                var latent = Generator.SampleLatent(batch.Real.shape[0], Rng, Device);
                loss = objective.Loss(new GeneratorObjectiveInputs(Generator, Critic, latent, batch.ConditionForFakes?.to(Device), Rng, terms,
                    batch.Real.to(Device), batch.Condition?.to(Device)));
                terms[$"generator_{objective.Name}"] = loss.item<float>();
                return UpdateGenerator(loss);
            }
            var (real, realCondition, condition, z, fake) = kept ?? DrawFakes(withGraph: true);
            var fakeScores = Critic.call(CriticInput(fake), condition);
            Tensor? realScores = null;
            if (Loss.GeneratorNeedsRealScores)
                using (no_grad()) realScores = Critic.call(CriticInput(real), realCondition);
            loss = Loss.GeneratorLoss(Critic, realScores, fakeScores);
            terms["generator_adversarial"] = loss.item<float>();
            var inputs = new GeneratorPenaltyInputs(Generator, Critic, fake, z, condition, fakeScores, Rng);
            loss = WithPenalties(loss, "generator", r => r.GeneratorPenalty(inputs), terms);
            return UpdateGenerator(loss);
        }
        finally
        {
            foreach (var p in criticParameters) p.requires_grad = true;
        }
    }

    private double UpdateGenerator(Tensor loss)
    {
        double value = Descend(GeneratorOptimizer, generatorParameters, loss);
        foreach (var r in regularizers) r.AfterGeneratorStep(Generator);
        return value;
    }

    /// <summary>One optimiser step on <paramref name="loss"/>: gradients, clipping to the global norm if asked, the step; the loss's value.</summary>
    private double Descend(OptimizerHelper optimizer, List<Parameter> parameters, Tensor loss)
    {
        optimizer.zero_grad();
        loss.backward();
        if (Options.GradientClipNorm is double clip) nn.utils.clip_grad_norm_(parameters, clip);
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>
    /// Generates <paramref name="count"/> samples with the generator in evaluation mode (dropout off), with the EMA
    /// weights when present and <paramref name="useEma"/> is true, and with BatchNorm statistics recomputed for
    /// those weights (<see cref="BatchNormRecalibration"/>). The draw uses <paramref name="rng"/>, or a generator
    /// seeded from <paramref name="seed"/>; the training state is left exactly as it was.
    /// </summary>
    public Tensor Sample(long count, Tensor? condition = null, bool useEma = true, long seed = 0, torch.Generator? rng = null)
    {
        bool wasTraining = Generator.training;
        var own = rng is null ? new torch.Generator((ulong)seed) : null;
        var draw = rng ?? own!;
        try
        {
            using var _ = no_grad();
            using var ema = useEma && Ema is not null ? Ema.UseAveragedWeights() : null;
            var c = condition?.to(Device);
            using var bn = BatchNormRecalibration.Apply(Generator, draw, Device, c);
            Generator.eval();
            var z = Generator.SampleLatent(count, draw, Device);
            return Generator.call(z, c).cpu();
        }
        finally
        {
            own?.Dispose();
            if (wasTraining) Generator.train();
        }
    }

    /// <summary>Saves everything needed to resume exactly (see <see cref="GanCheckpoint"/>), atomically.</summary>
    public void SaveCheckpoint(string path) => GanCheckpoint.Save(path, this);

    /// <summary>Restores a checkpoint written by <see cref="SaveCheckpoint"/> into this (identically built) trainer.</summary>
    public void LoadCheckpoint(string path) => GanCheckpoint.Load(path, this);

    /// <inheritdoc />
    public void Dispose()
    {
        GeneratorOptimizer.Dispose();
        CriticOptimizer.Dispose();
        Rng.Dispose();
    }
}
