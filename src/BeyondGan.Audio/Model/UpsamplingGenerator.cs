using BeyondGan.Layers;
using BeyondGan.Audio.Features;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// The generator shape WaveGAN and SpecGAN share (Donahue et al. 2019, Table 3): z ~ U(−1, 1) (and a learnt embedding of the
/// label, concatenated) → dense → channels[0] × <c>start</c> positions (a length, or for SpecGAN a height × width) → one
/// transposed convolution per following entry of channels, ReLU between, tanh out. <see cref="WaveGanGenerator"/>,
/// <see cref="SpectrogramGenerator"/> and <see cref="SpecGanGenerator"/> give the layers and sizes.
/// </summary>
public abstract class UpsamplingGenerator : BeyondGan.Modules.Generator
{
    private readonly Linear dense;
    private readonly Linear? labelEmbedding;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> upsampling;
    private readonly long[] start;
    private readonly int startChannels;

    /// <summary>Builds the layers: <paramref name="channels"/>[i] → [i + 1] by a transposed convolution (kernel, stride, padding, output padding).</summary>
    protected UpsamplingGenerator(string name, AudioModelOptions options, int labels, long start, int[] channels, int kernel, int stride, int padding, int outputPadding)
        : this(name, options, labels, [start], channels, (i, o) => new FoldConvTranspose1d(i, o, kernel, stride, padding, outputPadding)) { }

    /// <summary>Builds the layers: <paramref name="channels"/>[i] → [i + 1] by <paramref name="layer"/>(inputs, outputs), from <paramref name="start"/> positions.</summary>
    protected UpsamplingGenerator(string name, AudioModelOptions options, int labels, long[] start, int[] channels, Func<int, int, nn.Module<Tensor, Tensor>> layer)
        : base(name)
    {
        LatentSize = options.LatentSize;
        Labels = labels;
        this.start = start;
        startChannels = channels[0];
        int embedding = labels > 0 ? options.LabelEmbedding : 0;
        labelEmbedding = labels > 0 ? nn.Linear(labels, embedding, hasBias: false) : null;
        dense = nn.Linear(LatentSize + embedding, start.Aggregate(1L, (a, b) => a * b) * startChannels);
        upsampling = nn.ModuleList(Enumerable.Range(0, channels.Length - 1).Select(i => layer(channels[i], channels[i + 1])).ToArray());
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int LatentSize { get; }

    /// <summary>Labels of a conditional generator (0: unconditional).</summary>
    public int Labels { get; }

    /// <summary>WaveGAN's and SpecGAN's prior: z ~ U(−1, 1).</summary>
    public override Tensor SampleLatent(long count, TorchSharp.torch.Generator rng, Device device) =>
        (rand([count, LatentSize], generator: rng) * 2 - 1).to(device);

    /// <summary>The generator <paramref name="options"/> names (wavegan, spectrogram or specgan), for <paramref name="labels"/> labels (0: unconditional); the spectrogram models' grid is <paramref name="stft"/>'s.</summary>
    public static UpsamplingGenerator For(AudioModelOptions options, int labels, StftMagnitude? stft) => options.Model switch
    {
        "wavegan" => new WaveGanGenerator(options, labels),
        "spectrogram" => new SpectrogramGenerator(options, Grid(stft).Bins, Grid(stft).Frames, labels),
        "specgan" => new SpecGanGenerator(options, Grid(stft).Bins, Grid(stft).Frames, labels),
        _ => throw new ArgumentException($"--model {options.Model}: not a model with an upsampling generator."),
    };

    internal static StftMagnitude Grid(StftMagnitude? stft) => stft ?? throw new ArgumentException("a spectrogram model needs its STFT.");

    /// <summary>
    /// The truncation trick (Brock et al. 2019, BigGAN §3.1) for this uniform prior: z ~ U(−ψ, ψ), which is U(−1, 1) with every
    /// value outside [−ψ, ψ] redrawn. ψ = 1 is <see cref="SampleLatent(long, TorchSharp.torch.Generator, Device)"/> exactly; a
    /// smaller ψ trades diversity for samples nearer the generator's typical output.
    /// </summary>
    public Tensor SampleLatent(long count, TorchSharp.torch.Generator rng, Device device, double truncation)
    {
        if (!(truncation > 0 && truncation <= 1)) throw new ArgumentOutOfRangeException(nameof(truncation), truncation, "the truncation ψ must be in (0, 1].");
        var z = SampleLatent(count, rng, device);
        return truncation == 1 ? z : z * truncation;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor z, Tensor? condition)
    {
        var input = labelEmbedding is null ? z : cat([z, labelEmbedding.call(condition ?? throw new ArgumentException("a conditional generator needs a label"))], 1);
        var x = nn.functional.relu(dense.call(input)).view([z.shape[0], startChannels, .. start]);
        for (int i = 0; i < upsampling.Count; i++)
        {
            x = upsampling[i].call(x);
            x = i == upsampling.Count - 1 ? tanh(x) : nn.functional.relu(x);
        }
        return Output(x);
    }

    /// <summary>The last layer's output as the model's sample (the identity; a 2-D generator drops its single channel).</summary>
    protected virtual Tensor Output(Tensor x) => x;
}
