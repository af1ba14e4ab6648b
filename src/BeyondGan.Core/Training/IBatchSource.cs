using static TorchSharp.torch;

namespace BeyondGan.Training;

/// <summary>
/// Where the trainer gets real data. Implementations must draw all randomness from the generator passed to <see cref="Next"/> so that
/// a run is reproducible and a checkpoint resumes exactly.
/// </summary>
public interface IBatchSource
{
    /// <summary>Returns the next batch of <paramref name="batchSize"/> real samples (on the CPU or on <paramref name="device"/>).</summary>
    Batch Next(int batchSize, TorchSharp.torch.Generator rng, Device device);
}
