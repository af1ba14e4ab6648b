using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// HiFi-GAN's generator (Kong et al. 2020, §2.1, Fig. 1; V3's residual blocks): a log-mel spectrogram [batch, mels, frames]
/// → conv 7 → per upsampling stage: LeakyReLU₀.₁, a transposed convolution (kernel 2r, stride r) halving the channels, then
/// the mean of residual blocks of kernels 3, 5, 7 (the multi-receptive-field fusion) → LeakyReLU → conv 7 → tanh: a
/// waveform [batch, 1, (frames − 1) · hop] (the clip whose centred STFT gave the frames; the last hop of output is cut). The upsampling factors multiply to the hop (8 · 8 for a hop of 64). It takes no noise
/// (the latent is a placeholder the engine's interface asks for); the mel is its condition.
/// </summary>
public sealed class HiFiGanGenerator : BeyondGan.Modules.Generator
{
    private static readonly (int Kernel, int[] Dilations)[] Blocks = [(3, [1, 2]), (5, [2, 6]), (7, [3, 12])];
    private readonly UnfoldConv1d pre;
    private readonly ModuleList<FoldConvTranspose1d> upsampling = new();
    private readonly ModuleList<HiFiGanResBlock> blocks = new();
    private readonly UnfoldConv1d post;
    private readonly int hop;

    /// <summary>Builds the generator for <paramref name="mels"/> mel bands, hop <paramref name="hop"/> (a power of 2) and first width <paramref name="width"/>.</summary>
    public HiFiGanGenerator(int mels, int hop, int width) : base(nameof(HiFiGanGenerator))
    {
        this.hop = hop;
        Rates = UpsamplingRates(hop);
        pre = new UnfoldConv1d(mels, width, 7, padding: 3, weightNorm: true);
        int channels = width;
        foreach (int r in Rates)
        {
            int next = Math.Max(channels / 2, 1);
            upsampling.Add(new FoldConvTranspose1d(channels, next, 2 * r, stride: r, padding: r / 2, weightNorm: true));
            foreach (var (k, d) in Blocks) blocks.Add(new HiFiGanResBlock(next, k, d));
            channels = next;
        }
        post = new UnfoldConv1d(channels, 1, 7, padding: 3, weightNorm: true);
        RegisterComponents();
    }

    /// <summary>The upsampling factors (8s, then what remains of the hop).</summary>
    public IReadOnlyList<int> Rates { get; }

    /// <summary>The hop's factors: as many 8s as divide it, then the rest (a power of 2 below 8).</summary>
    public static int[] UpsamplingRates(int hop)
    {
        if (hop < 2 || (hop & (hop - 1)) != 0) throw new ArgumentException($"the vocoder's hop must be a power of 2 of at least 2, got {hop}.");
        var rates = new List<int>();
        while (hop % 8 == 0) { rates.Add(8); hop /= 8; }
        if (hop > 1) rates.Add(hop);
        return rates.ToArray();
    }

    /// <inheritdoc />
    public override int LatentSize => 1;

    /// <summary>Zeros: the generator is deterministic given its mel.</summary>
    public override Tensor SampleLatent(long count, TorchSharp.torch.Generator rng, Device device) => zeros([count, 1], device: device);

    /// <inheritdoc />
    public override Tensor forward(Tensor z, Tensor? mel)
    {
        if (mel is null) throw new ArgumentException("the vocoder needs a mel spectrogram as its condition.");
        var x = pre.call(mel);
        for (int i = 0; i < upsampling.Count; i++)
        {
            x = upsampling[i].call(nn.functional.leaky_relu(x, 0.1));
            Tensor sum = blocks[i * Blocks.Length].call(x);
            for (int j = 1; j < Blocks.Length; j++) sum = sum + blocks[i * Blocks.Length + j].call(x);
            x = sum / Blocks.Length;
        }
        return post.call(nn.functional.leaky_relu(x, 0.01)).tanh().narrow(2, 0, (mel.shape[2] - 1) * hop);
    }
}
