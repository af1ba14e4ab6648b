using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// A depthwise 1-D convolution (one kernel per channel, "same" length, stride 1): y[b, c, t] = Σ_k W[c, k] · x_pad[b, c, t + k] + b[c],
/// written as K shifted slices — the im2col of <see cref="UnfoldConv1d"/> without the matrix product — because
/// <c>nn.Conv1d(groups: C)</c>'s backward is libtorch's oneDNN kernel, whose input gradients are unreliable on more than one
/// thread (docs/TORCHSHARP.md). Weights and biases from the distribution <c>nn.Conv1d(C, C, K, groups: C)</c> uses, U(±1/√K),
/// drawn here (so not the same numbers that layer would draw).
/// </summary>
public sealed class DepthwiseConv1d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly int kernel;

    /// <summary>A depthwise convolution over <paramref name="channels"/> channels with an odd <paramref name="kernel"/>.</summary>
    public DepthwiseConv1d(int channels, int kernel) : base(nameof(DepthwiseConv1d))
    {
        if (channels < 1 || kernel < 1 || kernel % 2 == 0) throw new ArgumentException($"channels must be at least 1 and the kernel odd (got {channels}, {kernel}).");
        this.kernel = kernel;
        double bound = 1 / Math.Sqrt(kernel);
        weight = nn.Parameter(rand(channels, kernel).mul_(2 * bound).sub_(bound));
        bias = nn.Parameter(rand(channels).mul_(2 * bound).sub_(bound));
        RegisterComponents();
    }

    /// <summary>The kernels W (channels × kernel).</summary>
    public Tensor Weight => weight;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        long length = x.shape[2];
        var padded = nn.functional.pad(x, new long[] { kernel / 2, kernel / 2 });
        Tensor sum = padded.narrow(2, 0, length) * weight.narrow(1, 0, 1).unsqueeze(0);
        for (int k = 1; k < kernel; k++) sum = sum + padded.narrow(2, k, length) * weight.narrow(1, k, 1).unsqueeze(0);
        return sum + bias.view(1, -1, 1);
    }
}
