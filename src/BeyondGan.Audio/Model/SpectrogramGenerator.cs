using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// A generator of SpecGAN's normalised log-magnitude spectrograms (Donahue et al. 2019, §4) with the frequency bins as
/// channels: z ~ U(−1, 1)¹⁰⁰ (and a label embedding) → dense → 16d × F/16 frames → four transposed 1-D convolutions over time
/// (kernel 5, stride 2: 16d → 8d → 8d → bins, each ×2 longer), ReLU between, tanh out: [batch, bins, frames] in [−1, 1].
/// A 1-D network over frames, not SpecGAN's 2-D one: a spectrogram's bins are not translation-invariant, and it costs a
/// twentieth of WaveGAN's step at d = 16.
/// </summary>
public sealed class SpectrogramGenerator : BeyondGan.Modules.Generator
{
    private readonly Linear dense;
    private readonly Linear? labelEmbedding;
    private readonly ModuleList<FoldConvTranspose1d> upsampling;
    private readonly long start;
    private readonly int startChannels;

    /// <summary>Builds the network for spectrograms of <paramref name="bins"/> × <paramref name="frames"/> (frames a multiple of 16).</summary>
    public SpectrogramGenerator(AudioModelOptions options, int bins, int frames, int labels) : base(nameof(SpectrogramGenerator))
    {
        LatentSize = options.LatentSize;
        start = frames / 16;
        int w = options.Width;
        int[] channels = [16 * w, 16 * w, 8 * w, 8 * w, bins];
        startChannels = channels[0];
        int embedding = labels > 0 ? options.LabelEmbedding : 0;
        labelEmbedding = labels > 0 ? nn.Linear(labels, embedding, hasBias: false) : null;
        dense = nn.Linear(LatentSize + embedding, start * startChannels);
        upsampling = nn.ModuleList(Enumerable.Range(0, 4).Select(i => new FoldConvTranspose1d(channels[i], channels[i + 1], 5, stride: 2, padding: 2, outputPadding: 1)).ToArray());
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int LatentSize { get; }

    /// <summary>z ~ U(−1, 1), as WaveGAN and SpecGAN draw it.</summary>
    public override Tensor SampleLatent(long count, TorchSharp.torch.Generator rng, Device device) =>
        (rand([count, LatentSize], generator: rng) * 2 - 1).to(device);

    /// <inheritdoc />
    public override Tensor forward(Tensor z, Tensor? condition)
    {
        var input = labelEmbedding is null ? z : cat([z, labelEmbedding.call(condition ?? throw new ArgumentException("a conditional generator needs a label"))], 1);
        var x = nn.functional.relu(dense.call(input)).view(z.shape[0], startChannels, start);
        for (int i = 0; i < upsampling.Count; i++)
        {
            x = upsampling[i].call(x);
            x = i == upsampling.Count - 1 ? tanh(x) : nn.functional.relu(x);
        }
        return x;
    }
}
