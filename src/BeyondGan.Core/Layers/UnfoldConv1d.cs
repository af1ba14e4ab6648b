using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// A 1-D convolution written as im2col and one matrix product: y[b, o, t] = Σ_{c,k} W[o, c, k] · x_pad[b, c, t·s + k·d] + b[o]
/// (stride s, dilation d).
/// Same parameters and initialisation as <c>nn.Conv1d</c>. Use it instead of <c>nn.Conv1d</c> when the input needs a
/// gradient (a critic behind a generator, a gradient penalty): libtorch 2.10's oneDNN convolution backward returns NaN
/// gradients now and then on more than one thread (docs/TORCHSHARP.md).
/// </summary>
public sealed class UnfoldConv1d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly int kernel, stride, padding, dilation;
    private readonly Tensor? taps;

    /// <summary>Creates the layer; weights drawn exactly as <c>nn.Conv1d(inputs, outputs, kernel, stride, padding, dilation)</c> would draw them (stride, padding and dilation do not change the draws).</summary>
    public UnfoldConv1d(int inputs, int outputs, int kernel, int stride = 1, int padding = 0, int dilation = 1) : base(nameof(UnfoldConv1d))
    {
        if (kernel < 1 || stride < 1 || padding < 0 || dilation < 1)
            throw new ArgumentException($"kernel, stride and dilation must be at least 1 and padding at least 0 (got {kernel}, {stride}, {padding}, {dilation}).");
        (this.kernel, this.stride, this.padding, this.dilation) = (kernel, stride, padding, dilation);
        (weight, bias) = DefaultInitialization.Conv1d(inputs, outputs, kernel);
        RegisterComponents();
        // Created after RegisterComponents: an index table, not a buffer (not saved with the weights).
        if (dilation > 1) taps = arange(0, (kernel - 1) * dilation + 1, dilation, dtype: int64);
    }

    /// <summary>The kernel W (outputs × inputs × kernel).</summary>
    public Tensor Weight => weight;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var padded = padding > 0 ? nn.functional.pad(x, new long[] { padding, padding }) : x;
        // [B, C, T'] → windows [B, C, T_out, K] → rows [B, T_out, C·K], times Wᵀ [C·K, O] → [B, T_out, O] → [B, O, T_out].
        // A dilated kernel takes every d-th value of a window (K − 1)·d + 1 wide.
        var windows = taps is null ? padded.unfold(2, kernel, stride) : padded.unfold(2, (kernel - 1) * dilation + 1, stride).index_select(3, taps.to(x.device));
        var columns = windows.permute(0, 2, 1, 3).flatten(2);
        var outputs = weight.shape[0];
        return columns.matmul(weight.view(outputs, -1).t()).add(bias).transpose(1, 2);
    }
}
