using BeyondGan.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// HiFi-GAN's residual block type 2 (Kong et al. 2020, §2.1, V3): for each dilation d, x ← x + conv_{k,d}(LeakyReLU₀.₁(x)),
/// lengths kept ("same" padding); weight-normalised convolutions.
/// </summary>
public sealed class HiFiGanResBlock : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.ModuleList<UnfoldConv1d> convs = new();

    /// <summary>A block of <paramref name="channels"/> channels, kernel <paramref name="kernel"/>, one convolution per dilation.</summary>
    public HiFiGanResBlock(int channels, int kernel, int[] dilations) : base(nameof(HiFiGanResBlock))
    {
        foreach (int d in dilations) convs.Add(new UnfoldConv1d(channels, channels, kernel, padding: d * (kernel - 1) / 2, dilation: d, weightNorm: true));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        foreach (var conv in convs) x = x + conv.call(nn.functional.leaky_relu(x, 0.1));
        return x;
    }
}
