using BeyondGan.IO;
using static TorchSharp.torch;

namespace BeyondGan.Regularizers;

/// <summary>
/// Experience replay of past fakes (Shrivastava et al. 2017, §3.2): a buffer keeps generated samples from earlier
/// steps, and a fraction of each critic batch is drawn from it, so the critic keeps penalising modes the generator
/// has already visited instead of chasing it around.
/// </summary>
public sealed class ExperienceReplay : GanRegularizer
{
    private Tensor? buffer, conditions;
    private long count;

    /// <summary>Maximum number of stored samples.</summary>
    public int Capacity { get; }
    /// <summary>Fraction of each critic batch taken from the buffer.</summary>
    public double Fraction { get; }

    /// <summary>Creates the replay with a buffer of <paramref name="capacity"/> samples mixed in at <paramref name="fraction"/>.</summary>
    public ExperienceReplay(int capacity = 5000, double fraction = 0.5)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        if (fraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fraction), "Fraction must be in [0, 1].");
        Capacity = capacity;
        Fraction = fraction;
    }

    /// <inheritdoc />
    public override string Name => "experience_replay";

    /// <summary>Samples currently held.</summary>
    public long Count => count;

    /// <inheritdoc />
    public override (Tensor Fake, Tensor? Condition) SelectFakesForCritic(Tensor fake, Tensor? condition, TorchSharp.torch.Generator rng)
    {
        var fresh = fake.detach();
        var freshCond = condition?.detach();
        long b = fake.shape[0];
        long k = (long)Math.Floor(b * Fraction);
        Tensor outFake = fake;
        Tensor? outCond = condition;
        if (count > 0 && k > 0)
        {
            var idx = randint(0, count, new[] { k }, generator: rng).to(fake.device);
            outFake = cat(new[] { buffer!.index_select(0, idx), fake.narrow(0, k, b - k) }, 0);
            if (condition is not null) outCond = cat(new[] { conditions!.index_select(0, idx), condition.narrow(0, k, b - k) }, 0);
        }
        Push(fresh, freshCond, rng);
        return (outFake, outCond);
    }

    private void Push(Tensor fresh, Tensor? cond, TorchSharp.torch.Generator rng)
    {
        using var _ = no_grad();
        if (buffer is null)
        {
            var shape = fresh.shape.ToArray();
            shape[0] = Capacity;
            buffer = zeros(shape, fresh.dtype, fresh.device).DetachFromDisposeScope();
            if (cond is not null)
            {
                var cshape = cond.shape.ToArray();
                cshape[0] = Capacity;
                conditions = zeros(cshape, cond.dtype, cond.device).DetachFromDisposeScope();
            }
        }
        long n = fresh.shape[0];
        long append = Math.Min(n, Capacity - count);
        if (append > 0)
        {
            buffer.narrow(0, count, append).copy_(fresh.narrow(0, 0, append));
            if (cond is not null) conditions!.narrow(0, count, append).copy_(cond.narrow(0, 0, append));
            count += append;
        }
        long rest = n - append;
        if (rest > 0)
        {
            // Full: overwrite random slots, so the buffer stays a sample of the whole history.
            var slots = randint(0, Capacity, new[] { rest }, generator: rng).to(fresh.device);
            buffer.index_copy_(0, slots, fresh.narrow(0, append, rest));
            if (cond is not null) conditions!.index_copy_(0, slots, cond.narrow(0, append, rest));
        }
    }

    /// <inheritdoc />
    public override void SaveState(BinaryWriter writer)
    {
        writer.Write(count);
        writer.Write(buffer is not null);
        if (buffer is not null) TensorIO.Write(writer, buffer);
        writer.Write(conditions is not null);
        if (conditions is not null) TensorIO.Write(writer, conditions);
    }

    /// <inheritdoc />
    public override void LoadState(BinaryReader reader)
    {
        count = reader.ReadInt64();
        buffer = reader.ReadBoolean() ? TensorIO.Read(reader).DetachFromDisposeScope() : null;
        conditions = reader.ReadBoolean() ? TensorIO.Read(reader).DetachFromDisposeScope() : null;
    }
}
