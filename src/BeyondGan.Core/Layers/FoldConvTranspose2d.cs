using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// A transposed 2-D convolution written as one matrix product and an overlap-add (libtorch's <c>fold</c>, col2im):
/// y[b, o, i·s + u − p, j·s + v − p] += Σ_c W[c, o, u, v] · x[b, c, i, j], plus the bias; output size (n − 1)·s − 2p + K +
/// output_padding. Same parameters and initialisation as <c>nn.ConvTranspose2d</c> (square kernel); its backward is an im2col
/// and matrix products, so it avoids libtorch 2.10's oneDNN convolution backward (docs/TORCHSHARP.md), as
/// <see cref="FoldConvTranspose1d"/> does in 1-D.
/// </summary>
public sealed class FoldConvTranspose2d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly int kernel, stride, padding, outputPadding;

    /// <summary>Creates the layer; weights drawn exactly as <c>nn.ConvTranspose2d(inputs, outputs, kernel, stride, padding, output_padding)</c> would draw them.</summary>
    public FoldConvTranspose2d(int inputs, int outputs, int kernel, int stride = 1, int padding = 0, int outputPadding = 0) : base(nameof(FoldConvTranspose2d))
    {
        if (kernel < 1 || stride < 1 || padding < 0 || outputPadding < 0 || outputPadding >= stride)
            throw new ArgumentException($"kernel and stride must be at least 1, padding at least 0, output padding in [0, stride) (got {kernel}, {stride}, {padding}, {outputPadding}).");
        (this.kernel, this.stride, this.padding, this.outputPadding) = (kernel, stride, padding, outputPadding);
        (weight, bias) = DefaultInitialization.ConvTranspose2d(inputs, outputs, kernel);
        RegisterComponents();
    }

    /// <summary>The kernel W (inputs × outputs × kernel × kernel), as <c>nn.ConvTranspose2d</c> lays it out.</summary>
    public Tensor Weight => weight;

    /// <summary>The output height (or width) for an input of <paramref name="size"/>.</summary>
    public long OutputSize(long size) => (size - 1) * stride - 2L * padding + kernel + outputPadding;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0], inputs = x.shape[1], h = x.shape[2], w = x.shape[3], outputs = weight.shape[1];
        // Columns [B, O·K·K, H·W]: what each input position adds to the K × K outputs it reaches.
        var columns = x.view(batch, inputs, h * w).transpose(1, 2).matmul(weight.view(inputs, -1)).transpose(1, 2);
        long fullH = (h - 1) * stride + kernel, fullW = (w - 1) * stride + kernel;
        var y = nn.functional.fold(columns, (fullH, fullW), (kernel, kernel), stride: (stride, stride));
        long outH = OutputSize(h), outW = OutputSize(w);
        if (padding > 0 || outputPadding > 0)
        {
            long endH = padding + outH, endW = padding + outW;
            if (endH > fullH || endW > fullW) y = nn.functional.pad(y, [0, Math.Max(0, endW - fullW), 0, Math.Max(0, endH - fullH)]);
            y = y.narrow(2, padding, outH).narrow(3, padding, outW);
        }
        return y + bias.view(1, -1, 1, 1);
    }
}
