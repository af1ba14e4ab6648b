using BeyondGan.Audio.Features;
using BeyondGan.Training;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// Real clips [batch, 1, length] drawn uniformly at random, each with its log-mel spectrogram as the condition of both the
/// critic's real rows and the generator (a vocoder re-synthesises the very clips it is shown).
/// </summary>
internal sealed class MelBatchSource(Tensor clips, LogMelSpectrogram mel) : IBatchSource
{
    public Batch Next(int batchSize, TorchSharp.torch.Generator rng, Device device)
    {
        var rows = randint(clips.shape[0], [batchSize], generator: rng);
        var real = clips.index_select(0, rows).to(device);
        return new Batch(real, mel.Compute(real));
    }
}
