using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// One sub-critic of MelGAN's multi-scale discriminator as HiFi-GAN uses it (Kong et al. 2020, §2.2; Kumar et al. 2019):
/// the waveform average-pooled ×2 per scale, then strided 1-D convolutions (kernel 15, then kernel 21 stride 4 — MelGAN's
/// kernel 41 grouped convolutions made dense and shorter for a CPU — then kernel 5) and a kernel-3 score layer; all
/// weight-normalised (the paper puts spectral normalisation on the first scale).
/// </summary>
public sealed class ScaleCritic : nn.Module<Tensor, (Tensor Scores, List<Tensor> Features)>
{
    private readonly ModuleList<UnfoldConv1d> convs = new();
    private readonly UnfoldConv1d post;

    /// <summary>The sub-critic reading the waveform pooled <paramref name="pooling"/> times, hidden channels <paramref name="channels"/>.</summary>
    public ScaleCritic(int pooling, int[] channels) : base(nameof(ScaleCritic))
    {
        Pooling = pooling;
        int inputs = 1;
        for (int i = 0; i < channels.Length; i++)
        {
            var (k, s) = i == 0 ? (15, 1) : i == channels.Length - 1 ? (5, 1) : (21, 4);
            convs.Add(new UnfoldConv1d(inputs, channels[i], k, stride: s, padding: k / 2, weightNorm: true));
            inputs = channels[i];
        }
        post = new UnfoldConv1d(inputs, 1, 3, padding: 1, weightNorm: true);
        RegisterComponents();
    }

    /// <summary>How many ×2 average poolings come first.</summary>
    public int Pooling { get; }

    /// <summary>Scores [batch, positions] and each layer's activations of waveforms [batch, 1, T].</summary>
    public override (Tensor Scores, List<Tensor> Features) forward(Tensor x)
    {
        for (int i = 0; i < Pooling; i++) x = nn.functional.avg_pool1d(x, 4, 2, 2);
        var features = new List<Tensor>();
        foreach (var conv in convs)
        {
            x = nn.functional.leaky_relu(conv.call(x), 0.1);
            features.Add(x);
        }
        x = post.call(x);
        features.Add(x);
        return (x.flatten(1), features);
    }
}
