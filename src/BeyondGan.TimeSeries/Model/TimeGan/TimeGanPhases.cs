using BeyondGan.Losses;
using BeyondGan.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Model;

/// <summary>
/// TimeGAN's three training phases (Yoon et al. 2019, §4 and the released code's loop), each a
/// <see cref="TrainingPhase"/> of the engine's <see cref="PhaseSchedule"/>: the autoencoder, the supervisor, then the
/// joint game. Batches come from the sequence model's batch source; optimisers are Adam per group of networks, created
/// when their phase begins (the released code's five solvers).
/// </summary>
internal static class TimeGanPhases
{
    /// <summary>The three phases for <paramref name="model"/> and <paramref name="discriminator"/>.</summary>
    public static TrainingPhase[] Create(TimeGan model, TimeGanDiscriminator discriminator, IBatchSource source, SequenceGanOptions options)
    {
        long pretrain = options.PretrainSteps ?? options.Steps;
        var adam = new OptimizerSpec { Kind = OptimizerKind.FlatAdam, LearningRate = options.GeneratorLearningRate, Beta1 = 0.9, Beta2 = 0.999 };
        var context = new Context(model, discriminator, source, options.BatchSize, adam, adam with { LearningRate = options.CriticLearningRate });
        return [new Embedding(context, pretrain), new Supervised(context, pretrain), new Joint(context, options.Steps)];
    }

    private sealed record Context(TimeGan Model, TimeGanDiscriminator Discriminator, IBatchSource Source, int BatchSize, OptimizerSpec Adam, OptimizerSpec CriticAdam)
    {
        /// <summary>A batch: real steps in the paper's scale, their mask and entity rows.</summary>
        public (Tensor Unit, Tensor Mask, Tensor? Entity, Tensor Real) Draw(PhaseStep step)
        {
            var batch = Source.Next(BatchSize, step.Rng, step.Device);
            var real = batch.Real;
            var (mask, entity) = Model.Split(batch.Condition, real.shape[0], real.shape[1], step.Device);
            return (Model.ToUnit(real, mask), mask, entity, real);
        }
    }

    /// <summary>Phase 1, the autoencoder: min 10 · √MSE(x, r(e(x))) over the embedder and the recovery.</summary>
    private sealed class Embedding(Context context, long steps) : TrainingPhase("embedding", steps)
    {
        private OptimizerHelper? optimizer;

        public override void Begin()
        {
            context.Model.train();
            optimizer ??= context.Adam.Create(context.Model.AutoencoderParameters);
        }

        public override void Step(PhaseStep step)
        {
            var (unit, mask, _, _) = context.Draw(step);
            var m = context.Model;
            optimizer!.zero_grad();
            var loss = TimeGanLosses.Reconstruction(unit, m.Recover(m.Embed(unit, mask), mask));
            loss.backward();
            optimizer.step();
            step.Record("reconstruction", loss.item<float>());
        }
    }

    /// <summary>Phase 2, supervised: min MSE(h_{t+1}, s(h_{≤t})) on real latents.</summary>
    private sealed class Supervised(Context context, long steps) : TrainingPhase("supervised", steps)
    {
        private OptimizerHelper? optimizer;

        public override void Begin()
        {
            context.Model.train();
            optimizer ??= context.Adam.Create(context.Model.SupervisorParameters);
        }

        public override void Step(PhaseStep step)
        {
            var (unit, mask, _, _) = context.Draw(step);
            var m = context.Model;
            optimizer!.zero_grad();
            Tensor h;
            using (no_grad()) h = m.Embed(unit, mask);
            var loss = TimeGanLosses.Supervised(h, m.Supervise(h, mask), mask);
            loss.backward();
            optimizer.step();
            step.Record("supervised", loss.item<float>());
        }
    }

    /// <summary>
    /// Phase 3, joint: per iteration two generator updates (adversarial on ĥ and on ê, γ = 1, + 100 · √supervised +
    /// 100 · moments), each followed by an autoencoder update (reconstruction + 0.1 · supervised), then one
    /// discriminator update, skipped while its loss is at most 0.15 (as the released code does).
    /// </summary>
    private sealed class Joint(Context context, long steps) : TrainingPhase("joint", steps)
    {
        private const double Gamma = 1;
        private readonly NonSaturatingLoss adversarial = new();
        private OptimizerHelper? generatorOptimizer, autoencoderOptimizer, discriminatorOptimizer;

        public override void Begin()
        {
            context.Model.train();
            context.Discriminator.train();
            generatorOptimizer ??= context.Adam.Create(context.Model.GeneratorParameters);
            autoencoderOptimizer ??= context.Adam.Create(context.Model.AutoencoderParameters);
            discriminatorOptimizer ??= context.CriticAdam.Create(context.Discriminator.parameters());
        }

        public override void Step(PhaseStep step)
        {
            var m = context.Model;
            var d = context.Discriminator;
            double generatorLoss = 0, reconstruction = 0, supervised = 0, moments = 0;
            for (int k = 0; k < 2; k++)
            {
                using var scope = NewDisposeScope();
                var (unit, mask, entity, real) = context.Draw(step);
                var z = m.SampleLatent(real.shape[0], (int)real.shape[1], step.Rng, step.Device);
                generatorOptimizer!.zero_grad();
                // Networks read each sequence on its own, so the pairs of calls on ê and h (supervisor) and on ĥ and ê
                // (discriminator) run as one call on twice the batch: the same values, half the per-step overhead.
                var e = m.Generate(z, entity, mask);
                var h = m.Embed(unit, mask);
                long b = e.shape[0];
                var both = m.Supervise(cat(new[] { e, h }, 0), cat(new[] { mask, mask }, 0));
                var hHat = both.narrow(0, 0, b);
                var xHat = m.Recover(hHat, mask);
                var lossS = TimeGanLosses.Supervised(h, both.narrow(0, b, b), mask);
                var lossV = TimeGanLosses.Moments(unit, xHat);
                var scores = d.call(cat(new[] { hHat, e }, 0), entity is null ? null : cat(new[] { entity, entity }, 0));
                var lossG = adversarial.GeneratorLoss(null, scores.narrow(0, 0, b)) + Gamma * adversarial.GeneratorLoss(null, scores.narrow(0, b, b))
                    + 100 * lossS.sqrt() + 100 * lossV;
                lossG.backward();
                generatorOptimizer.step();

                autoencoderOptimizer!.zero_grad();
                h = m.Embed(unit, mask);
                var lossR = TimeGanLosses.Reconstruction(unit, m.Recover(h, mask));
                var lossE = lossR + 0.1 * TimeGanLosses.Supervised(h, m.Supervise(h, mask), mask);
                lossE.backward();
                autoencoderOptimizer.step();
                (generatorLoss, reconstruction, supervised, moments) = (lossG.item<float>(), lossR.item<float>(), lossS.item<float>(), lossV.item<float>());
            }
            {
                var (unit, mask, entity, real) = context.Draw(step);
                var z = m.SampleLatent(real.shape[0], (int)real.shape[1], step.Rng, step.Device);
                Tensor h, e, hHat;
                using (no_grad())
                {
                    h = m.Embed(unit, mask);
                    e = m.Generate(z, entity, mask);
                    hHat = m.Supervise(e, mask);
                }
                discriminatorOptimizer!.zero_grad();
                long b = h.shape[0];
                var scores = d.call(cat(new[] { h, hHat, e }, 0), entity is null ? null : cat(new[] { entity, entity, entity }, 0));
                var lossD = adversarial.CriticLoss(scores.narrow(0, 0, b), scores.narrow(0, b, b)) + Gamma * nn.functional.softplus(scores.narrow(0, 2 * b, b)).mean();
                double value = lossD.item<float>();
                if (value > 0.15)
                {
                    lossD.backward();
                    discriminatorOptimizer.step();
                }
                step.Record("discriminator_loss", value);
            }
            step.Record("generator_loss", generatorLoss);
            step.Record("reconstruction", reconstruction);
            step.Record("supervised", supervised);
            step.Record("moments", moments);
        }
    }
}
