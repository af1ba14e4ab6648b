using BeyondGan.Tabular.Transform;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Tabular.Sampling;

/// <summary>
/// Serves training batches of encoded rows with CTGAN's training-by-sampling: real rows match the condition
/// <see cref="Batch.Condition"/>; the generator is asked for a shuffled copy of the same conditions.
/// All randomness comes from the trainer's generator.
/// </summary>
public sealed class TabularBatchSource : IBatchSource, IDisposable
{
    private readonly Tensor data;
    private readonly float[] matrix; // the tensor shares this array's memory
    private readonly ConditionalSampler sampler;
    private readonly int rows;

    /// <summary>Wraps the encoded matrix (<paramref name="rows"/> × <paramref name="transformer"/>.Width).</summary>
    public TabularBatchSource(DataTransformer transformer, float[] matrix, int rows, ConditionalSampler sampler)
    {
        this.rows = rows;
        this.sampler = sampler;
        this.matrix = matrix;
        // frombuffer shares the array's memory (no second copy of the data; this matters for large tables).
        data = frombuffer(matrix, ScalarType.Float32, count: (long)rows * transformer.Width).view(rows, transformer.Width);
    }

    /// <inheritdoc />
    public Batch Next(int batchSize, TorchSharp.torch.Generator rng, Device device)
    {
        if (!sampler.IsConditional)
        {
            var index = randint(rows, new long[] { batchSize }, generator: rng);
            return new Batch(data.index_select(0, index));
        }
        using var u = rand(new long[] { 3L * batchSize }, dtype: ScalarType.Float64, generator: rng);
        var uniform = u.data<double>().ToArray();
        var hot = new long[batchSize];
        var realRows = new long[batchSize];
        sampler.SampleForTraining(uniform, hot, realRows);
        var real = data.index_select(0, tensor(realRows));
        // The conditional vectors are one-hot: built from one index per row rather than copied in as batch × width floats.
        var c = nn.functional.one_hot(tensor(hot), sampler.ConditionWidth).to(ScalarType.Float32);
        var permutation = randperm(batchSize, generator: rng);
        return new Batch(real, c, c.index_select(0, permutation));
    }

    /// <inheritdoc />
    public void Dispose() => data.Dispose();
}
