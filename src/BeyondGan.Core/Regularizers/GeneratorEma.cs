using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.IO;
using static TorchSharp.torch;

using Generator = BeyondGan.Modules.Generator;
namespace BeyondGan.Regularizers;

/// <summary>
/// Exponential moving average of the generator's weights (Yazıcı et al. 2019, Eq. 1): θ_EMA ← β·θ_EMA + (1 − β)·θ
/// after each generator step. Sampling with the averaged weights (<see cref="UseAveragedWeights"/>) smooths out the
/// oscillation of the last steps. Early on β is capped by (1 + t)/(10 + t) so the average is not biased to the
/// random initial weights. TorchSharp 0.107 has no AveragedModel.
/// </summary>
public sealed class GeneratorEma : GanRegularizer
{
    private readonly List<Tensor> shadow = new();
    private IReadOnlyList<Tensor> live = Array.Empty<Tensor>();
    private long updates;

    /// <summary>Decay β.</summary>
    public double Decay { get; }

    /// <summary>Creates the average with decay <paramref name="decay"/>.</summary>
    public GeneratorEma(double decay = 0.999)
    {
        if (decay is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(decay), "Decay must be in [0, 1).");
        Decay = decay;
    }

    /// <inheritdoc />
    public override string Name => "ema";

    /// <summary>Number of updates so far.</summary>
    public long Updates => updates;

    /// <inheritdoc />
    public override void Attach(Generator generator, Critic critic, IGanLoss loss)
    {
        live = generator.parameters().Cast<Tensor>().ToList();
        using var _ = no_grad();
        shadow.Clear();
        shadow.AddRange(live.Select(p => p.detach().clone().DetachFromDisposeScope()));
    }

    /// <summary>Current decay used for the next update: min(β, (1 + t) / (10 + t)).</summary>
    public double EffectiveDecay => Math.Min(Decay, (1.0 + updates) / (10.0 + updates));

    /// <inheritdoc />
    public override void AfterGeneratorStep(Generator generator)
    {
        double beta = EffectiveDecay;
        using var _ = no_grad();
        for (int i = 0; i < live.Count; i++) shadow[i].mul_(beta).add_(live[i], alpha: 1.0 - beta);
        updates++;
    }

    /// <summary>The averaged copy of each generator parameter, in <c>parameters()</c> order.</summary>
    public IReadOnlyList<Tensor> AveragedParameters => shadow;

    /// <summary>
    /// Swaps the averaged weights into the generator until the returned handle is disposed, then restores the
    /// live weights. BatchNorm running statistics are the live ones.
    /// </summary>
    public IDisposable UseAveragedWeights() => new Swap(live, shadow);

    private sealed class Swap : IDisposable
    {
        private readonly IReadOnlyList<Tensor> live;
        private readonly List<Tensor> saved;

        public Swap(IReadOnlyList<Tensor> live, IReadOnlyList<Tensor> shadow)
        {
            this.live = live;
            using var _ = no_grad();
            saved = live.Select(p => p.detach().clone().DetachFromDisposeScope()).ToList();
            for (int i = 0; i < live.Count; i++) live[i].copy_(shadow[i]);
        }

        public void Dispose()
        {
            using var _ = no_grad();
            for (int i = 0; i < live.Count; i++) { live[i].copy_(saved[i]); saved[i].Dispose(); }
        }
    }

    /// <inheritdoc />
    public override void SaveState(BinaryWriter writer)
    {
        writer.Write(updates);
        writer.Write(shadow.Count);
        foreach (var t in shadow) TensorIO.Write(writer, t);
    }

    /// <inheritdoc />
    public override void LoadState(BinaryReader reader)
    {
        updates = reader.ReadInt64();
        int n = reader.ReadInt32();
        if (n != shadow.Count) throw new InvalidDataException($"EMA state holds {n} tensors, the generator has {shadow.Count} parameters.");
        using var _ = no_grad();
        foreach (var t in shadow)
        {
            using var loaded = TensorIO.Read(reader);
            t.copy_(loaded);
        }
    }
}
