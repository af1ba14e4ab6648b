using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// A 1-D convolution written as im2col and one matrix product: y[b, o, t] = Σ_{c,k} W[o, c, k] · x_pad[b, c, t·s + k] + b[o].
/// Same parameters and initialisation as <c>nn.Conv1d</c>. Use it instead of <c>nn.Conv1d</c> when the input needs a
/// gradient (a critic behind a generator, a gradient penalty): libtorch 2.10's oneDNN convolution backward returns NaN
/// gradients now and then on more than one thread (docs/TORCHSHARP.md).
/// </summary>
public sealed class UnfoldConv1d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly int kernel, stride, padding;

    /// <summary>Creates the layer; weights drawn exactly as <c>nn.Conv1d(inputs, outputs, kernel, stride, padding)</c> would draw them (stride and padding do not change the draws).</summary>
    public UnfoldConv1d(int inputs, int outputs, int kernel, int stride = 1, int padding = 0) : base(nameof(UnfoldConv1d))
    {
        if (kernel < 1 || stride < 1 || padding < 0)
            throw new ArgumentException($"kernel and stride must be at least 1 and padding at least 0 (got {kernel}, {stride}, {padding}).");
        (this.kernel, this.stride, this.padding) = (kernel, stride, padding);
        (weight, bias) = DefaultInitialization.Conv1d(inputs, outputs, kernel);
        RegisterComponents();
    }

    /// <summary>The kernel W (outputs × inputs × kernel).</summary>
    public Tensor Weight => weight;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var padded = padding > 0 ? nn.functional.pad(x, new long[] { padding, padding }) : x;
        // [B, C, T'] → windows [B, C, T_out, K] → rows [B, T_out, C·K], times Wᵀ [C·K, O] → [B, T_out, O] → [B, O, T_out].
        var columns = padded.unfold(2, kernel, stride).permute(0, 2, 1, 3).flatten(2);
        var outputs = weight.shape[0];
        return columns.matmul(weight.view(outputs, -1).t()).add(bias).transpose(1, 2);
    }
}
