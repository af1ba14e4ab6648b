using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// The shape HiFi-GAN's sub-critics share (Kong et al. 2020, §2.2): weight-normalised 1-D convolutions, LeakyReLU 0.1 after
/// each, then a kernel-3 score layer; every layer's output is a feature for feature matching. <see cref="PeriodCritic"/>
/// and <see cref="ScaleCritic"/> give the layers and how the waveform is read into them.
/// </summary>
public abstract class WaveformSubCritic : nn.Module<Tensor, (Tensor Scores, List<Tensor> Features)>
{
    private readonly ModuleList<UnfoldConv1d> convs = new();
    private readonly UnfoldConv1d post;

    /// <summary>Builds 1 → channels[0] → … by convolutions of (kernel, stride) <paramref name="layers"/>[i], "same"-padded.</summary>
    protected WaveformSubCritic(string name, int[] channels, (int Kernel, int Stride)[] layers) : base(name)
    {
        int inputs = 1;
        for (int i = 0; i < channels.Length; i++)
        {
            var (k, s) = layers[i];
            convs.Add(new UnfoldConv1d(inputs, channels[i], k, stride: s, padding: k / 2, weightNorm: true));
            inputs = channels[i];
        }
        post = new UnfoldConv1d(inputs, 1, 3, padding: 1, weightNorm: true);
        RegisterComponents();
    }

    /// <summary>The layers over <paramref name="x"/> [rows, 1, T]: the score layer's output [rows, 1, T'] and every layer's activations.</summary>
    protected (Tensor Scores, List<Tensor> Features) Read(Tensor x)
    {
        var features = new List<Tensor>();
        foreach (var conv in convs)
        {
            x = nn.functional.leaky_relu(conv.call(x), 0.1);
            features.Add(x);
        }
        x = post.call(x);
        features.Add(x);
        return (x, features);
    }
}
