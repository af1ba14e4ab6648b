using BeyondGan.Modules;
using BeyondGan.Runtime;
using static TorchSharp.torch;

using Generator = BeyondGan.Modules.Generator;

namespace BeyondGan.Training;

/// <summary>
/// Discriminator rejection sampling (Azadi et al. 2019, "Discriminator Rejection Sampling", Eq. 8): a critic trained
/// with the logistic (BCE) loss has logit D(x) ≈ log p_data(x) / p_g(x), so accepting a generated x with probability
/// exp(D(x) − D*) moves the samples from p_g towards p_data — off-mode samples (p_data ≈ 0) are dropped and
/// over-produced modes thinned. The critic is first fine-tuned against the final (EMA) generator with the BCE loss.
/// </summary>
public sealed class DiscriminatorRejectionSampler
{
    /// <summary>Critic fine-tuning steps against the final generator before sampling (paper: train D to convergence).</summary>
    public int FineTuneSteps { get; init; } = 3_000;

    /// <summary>Fine-tuning learning rate (Adam, β (0.5, 0.999)).</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>
    /// Percentile of F(x) in each candidate batch used as the shift γ (Eq. 8); higher keeps fewer samples. The
    /// default 0.8 with 3,000 fine-tuning steps kept the ring's mode balance where 0.95 with 1,000 steps upset it
    /// (docs/BENCHMARKS.md §1).
    /// </summary>
    public double GammaPercentile { get; init; } = 0.8;

    /// <summary>Samples drawn to estimate D* = max D(x) before sampling (updated as larger logits appear).</summary>
    public int BurnIn { get; init; } = 10_000;

    /// <summary>Candidates scored per batch (the critic sees them together, as a training batch).</summary>
    public int BatchSize { get; init; } = 1_000;

    /// <summary>Share of candidates accepted in the last <see cref="Sample{TG,TC}"/> call.</summary>
    public double AcceptanceRate { get; private set; }

    /// <summary>
    /// Fine-tunes <paramref name="trainer"/>'s critic in place (save a checkpoint first to resume training from the
    /// un-tuned critic), then draws <paramref name="count"/> accepted samples. Unconditional generators only.
    /// </summary>
    public Tensor Sample<TGenerator, TCritic>(GanTrainer<TGenerator, TCritic> trainer, long count, long seed)
        where TGenerator : Generator where TCritic : Critic
    {
        if (trainer.Critic.PackSize > 1) throw new ArgumentException("Rejection sampling needs a critic that scores single samples (no packing).");
        using var rng = new TorchSharp.torch.Generator((ulong)seed);
        FineTune(trainer, rng);
        var critic = trainer.Critic;
        bool wasTraining = critic.training;
        critic.eval();
        try
        {
            using var _ = no_grad();
            using var guard = new CollectionGuard();
            guard.Enter();
            double dStar = Logits(trainer, BurnIn, rng).Max();
            var kept = new List<Tensor>();
            long accepted = 0, drawn = 0;
            var uniform = new Random(unchecked((int)seed));
            while (accepted < count)
            {
                if (drawn > 1_000L * Math.Max(count, BatchSize)) throw new InvalidOperationException("Rejection sampling accepts almost nothing; lower GammaPercentile.");
                guard.Enter();
                var (x, d) = Candidates(trainer, BatchSize, rng);
                drawn += BatchSize;
                dStar = Math.Max(dStar, d.Max());
                // γ is this batch's percentile of F, so the acceptance rate does not collapse when D* grows.
                var f = d.Select(v => F(v, dStar)).ToArray();
                var sorted = f.Order().ToArray();
                double gamma = sorted[Math.Min(sorted.Length - 1, (int)(GammaPercentile * sorted.Length))];
                var keep = new List<long>();
                for (int i = 0; i < d.Length && accepted + keep.Count < count; i++)
                    if (uniform.NextDouble() <= Sigmoid(f[i] - gamma)) keep.Add(i);
                accepted += keep.Count;
                if (keep.Count > 0) kept.Add(x.index_select(0, tensor(keep.ToArray())));
                x.Dispose();
            }
            AcceptanceRate = (double)accepted / drawn;
            var result = cat(kept, 0);
            foreach (var t in kept) t.Dispose();
            return result;
        }
        finally
        {
            if (wasTraining) critic.train();
        }
    }

    /// <summary>F(x) = D(x) − D* − log(1 − exp(D(x) − D* − ε)) (Eq. 8 without γ; ε keeps the log finite).</summary>
    private static double F(double d, double dStar) => d - dStar - Math.Log(1 - Math.Exp(d - dStar - 1e-6));

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private double[] Logits<TGenerator, TCritic>(GanTrainer<TGenerator, TCritic> trainer, int n, TorchSharp.torch.Generator rng)
        where TGenerator : Generator where TCritic : Critic
    {
        var logits = new List<double>(n);
        for (int done = 0; done < n; done += BatchSize)
        {
            using var scope = NewDisposeScope();
            logits.AddRange(Candidates(trainer, Math.Min(BatchSize, n - done), rng).Logits.Select(v => (double)v));
        }
        return logits.ToArray();
    }

    /// <summary>Draws <paramref name="n"/> generated samples (on the CPU) and the critic's logit for each.</summary>
    private static (Tensor Samples, float[] Logits) Candidates<TGenerator, TCritic>(GanTrainer<TGenerator, TCritic> trainer, int n, TorchSharp.torch.Generator rng)
        where TGenerator : Generator where TCritic : Critic
    {
        var x = trainer.Sample(n, rng: rng);
        return (x, trainer.Critic.call(x.to(trainer.Device), null).cpu().data<float>().ToArray());
    }

    private void FineTune<TGenerator, TCritic>(GanTrainer<TGenerator, TCritic> trainer, TorchSharp.torch.Generator rng)
        where TGenerator : Generator where TCritic : Critic
    {
        if (FineTuneSteps <= 0) return;
        var critic = trainer.Critic;
        critic.train();
        using var adam = optim.Adam(critic.parameters(), LearningRate, 0.5, 0.999);
        int batch = trainer.Options.BatchSize;
        // Like GanTrainer.Train: no collection may start during a native call (TorchSharp's finalizer-freed Scalars).
        using var guard = new CollectionGuard();
        for (int step = 0; step < FineTuneSteps; step++)
        {
            guard.Enter();
            using var scope = NewDisposeScope();
            var data = trainer.Data.Next(batch, rng, trainer.Device);
            var fake = trainer.Sample(data.Real.shape[0], rng: rng).to(trainer.Device);
            var loss = nn.functional.softplus(-critic.call(data.Real.to(trainer.Device), data.Condition)).mean()
                       + nn.functional.softplus(critic.call(fake, null)).mean();
            adam.zero_grad();
            loss.backward();
            adam.step();
        }
    }
}
