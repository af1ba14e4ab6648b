using BeyondGan.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Generator = BeyondGan.Modules.Generator;

namespace BeyondGan.Training;

/// <summary>
/// "Precise BatchNorm" for sampling: the running statistics a generator collected during training belong to older
/// weights (and never to EMA-averaged ones), so in evaluation mode its output drifts from what it learned. Before
/// sampling we recompute them for the current weights as a plain average over fixed latent batches, and restore the
/// training statistics afterwards (Wu &amp; Johnson 2021, "Rethinking BatchNorm", §3).
/// </summary>
public static class BatchNormRecalibration
{
    /// <summary>
    /// Recomputes the statistics of every BatchNorm layer of <paramref name="generator"/> over <paramref name="batches"/>
    /// batches of <paramref name="batchSize"/> latents drawn from <paramref name="rng"/>. Disposing the result restores
    /// the previous statistics. Returns null when the generator has no BatchNorm layer.
    /// </summary>
    public static IDisposable? Apply(Generator generator, TorchSharp.torch.Generator rng, Device device, Tensor? condition,
        int batches = 20, int batchSize = 500)
    {
        var norms = generator.modules().OfType<NormBase>().Where(n => n.track_running_stats).ToList();
        if (norms.Count == 0) return null;
        var saved = norms.Select(n => (Mean: n.running_mean!.clone().DetachFromDisposeScope(), Var: n.running_var!.clone().DetachFromDisposeScope(),
            Count: n.num_batches_tracked?.clone().DetachFromDisposeScope(), n.momentum)).ToList();
        bool wasTraining = generator.training;
        Recompute(generator, norms, rng, device, condition, batches, batchSize);
        return new Restore(generator, norms, saved, wasTraining);
    }

    /// <summary>
    /// Like <see cref="Apply"/>, but keeps the recomputed statistics (e.g. after copying averaged weights into the
    /// generator for good). The generator is left in evaluation mode.
    /// </summary>
    public static void ApplyPermanently(Generator generator, TorchSharp.torch.Generator rng, Device device, Tensor? condition,
        int batches = 20, int batchSize = 500)
    {
        var norms = generator.modules().OfType<NormBase>().Where(n => n.track_running_stats).ToList();
        if (norms.Count == 0) return;
        var momenta = norms.Select(n => n.momentum).ToList();
        Recompute(generator, norms, rng, device, condition, batches, batchSize);
        for (int i = 0; i < norms.Count; i++) norms[i].momentum = momenta[i];
    }

    private static void Recompute(Generator generator, List<NormBase> norms, TorchSharp.torch.Generator rng, Device device, Tensor? condition,
        int batches, int batchSize)
    {
        using (no_grad())
        {
            var c = condition?.narrow(0, 0, Math.Min(batchSize, condition.shape[0]));
            long rows = c?.shape[0] ?? batchSize;
            foreach (var n in norms) { n.reset_running_stats(); n.momentum = null; } // null momentum = cumulative average
            generator.train();
            using var guard = new CollectionGuard();
            for (int i = 0; i < batches; i++)
            {
                guard.Enter();
                using var scope = NewDisposeScope();
                generator.call(generator.SampleLatent(rows, rng, device), c);
            }
        }
        generator.eval();
    }

    private sealed class Restore(Generator generator, List<NormBase> norms,
        List<(Tensor Mean, Tensor Var, Tensor? Count, double? Momentum)> saved, bool wasTraining) : IDisposable
    {
        public void Dispose()
        {
            using var _ = no_grad();
            for (int i = 0; i < norms.Count; i++)
            {
                norms[i].running_mean!.copy_(saved[i].Mean);
                norms[i].running_var!.copy_(saved[i].Var);
                if (saved[i].Count is not null) norms[i].num_batches_tracked!.copy_(saved[i].Count!);
                norms[i].momentum = saved[i].Momentum;
                saved[i].Mean.Dispose(); saved[i].Var.Dispose(); saved[i].Count?.Dispose();
            }
            if (wasTraining) generator.train(); else generator.eval();
        }
    }
}
