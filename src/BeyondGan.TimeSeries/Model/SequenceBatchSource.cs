using BeyondGan.Training;
using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Model;

/// <summary>
/// Batches of training sequences for the sequence GAN: sequences drawn uniformly at random (from the trainer's random
/// generator), each with its condition [encoded entity row, step mask]; the generated half of a step is conditioned
/// on the same rows, so the critic compares real and generated sequences of the same entities and lengths.
/// </summary>
internal sealed class SequenceBatchSource : IBatchSource
{
    private readonly Tensor values, conditions;
    private readonly int count;

    public SequenceBatchSource(float[] values, int[] lengths, float[] entityRows, int length, int width, int conditionWidth)
    {
        count = lengths.Length;
        this.values = tensor(values, new long[] { count, length, width });
        var mask = new float[(long)count * length];
        for (int i = 0; i < count; i++) for (int t = 0; t < lengths[i]; t++) mask[(long)i * length + t] = 1f;
        var maskTensor = tensor(mask, new long[] { count, length });
        conditions = conditionWidth > 0 ? cat(new[] { tensor(entityRows, new long[] { count, conditionWidth }), maskTensor }, 1) : maskTensor;
    }

    public Batch Next(int batchSize, TorchSharp.torch.Generator rng, Device device)
    {
        var rows = randint(count, new long[] { batchSize }, generator: rng);
        var c = conditions.index_select(0, rows).to(device);
        return new Batch(values.index_select(0, rows).to(device), c, c);
    }
}
