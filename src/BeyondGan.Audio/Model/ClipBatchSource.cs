using BeyondGan.Training;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// Real examples for the critic — waveforms [batch, 1, length] or normalised spectrograms [batch, bins, frames] — drawn
/// uniformly at random from the trainer's generator; with labels,
/// each batch carries their one-hot rows, and the generator is asked for the same labels (so the gradient penalty's
/// interpolates have one label each).
/// </summary>
internal sealed class ClipBatchSource : IBatchSource
{
    private readonly Tensor clips;
    private readonly Tensor? labels;
    private readonly int labelCount;

    public ClipBatchSource(Tensor examples, IReadOnlyList<int>? labelIds, int labelCount)
    {
        clips = examples;
        labels = labelIds is null ? null : tensor(labelIds.Select(l => (long)l).ToArray());
        this.labelCount = labelCount;
    }

    public Batch Next(int batchSize, TorchSharp.torch.Generator rng, Device device)
    {
        var rows = randint(clips.shape[0], [batchSize], generator: rng);
        var real = clips.index_select(0, rows).to(device);
        if (labels is null) return new Batch(real);
        var condition = nn.functional.one_hot(labels.index_select(0, rows), labelCount).to(ScalarType.Float32).to(device);
        return new Batch(real, condition);
    }
}
