using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// A 2-D convolution written as im2col (libtorch's <c>unfold</c>) and one matrix product:
/// y[b, o, i, j] = Σ_{c,u,v} W[o, c, u, v] · x_pad[b, c, i·s + u, j·s + v] + b[o] (square kernel, stride s, zero padding p).
/// Same parameters and initialisation as <c>nn.Conv2d</c>; its backward is a col2im and matrix products, so it avoids
/// libtorch 2.10's oneDNN convolution backward, which returns NaN input gradients now and then on more than one thread
/// (docs/TORCHSHARP.md) — a critic behind a generator and a gradient penalty both need input gradients.
/// </summary>
public sealed class UnfoldConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly int kernel, stride, padding;

    /// <summary>Creates the layer; weights drawn exactly as <c>nn.Conv2d(inputs, outputs, kernel, stride, padding)</c> would draw them.</summary>
    public UnfoldConv2d(int inputs, int outputs, int kernel, int stride = 1, int padding = 0) : base(nameof(UnfoldConv2d))
    {
        if (kernel < 1 || stride < 1 || padding < 0)
            throw new ArgumentException($"kernel and stride must be at least 1 and padding at least 0 (got {kernel}, {stride}, {padding}).");
        (this.kernel, this.stride, this.padding) = (kernel, stride, padding);
        (weight, bias) = DefaultInitialization.Conv2d(inputs, outputs, kernel);
        RegisterComponents();
    }

    /// <summary>The kernel W (outputs × inputs × kernel × kernel).</summary>
    public Tensor Weight => weight;

    /// <summary>The output height (or width) for an input of <paramref name="size"/>.</summary>
    public long OutputSize(long size) => (size + 2L * padding - kernel) / stride + 1;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0], height = OutputSize(x.shape[2]), width = OutputSize(x.shape[3]);
        // Columns [B, C·K·K, H_out·W_out] (channel outermost, as W's layout); as rows [B, H_out·W_out, C·K·K] times Wᵀ they are
        // one large matrix product. (K × K strided slices stacked instead of unfold took twice as long.)
        var columns = nn.functional.unfold(x, (kernel, kernel), padding: (padding, padding), stride: (stride, stride));
        long outputs = weight.shape[0];
        var y = columns.transpose(1, 2).matmul(weight.view(outputs, -1).t()).add(bias);
        return y.transpose(1, 2).reshape(batch, outputs, height, width);
    }
}
