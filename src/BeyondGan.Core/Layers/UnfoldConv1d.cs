using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// A 1-D convolution written as im2col (K strided slices) and one matrix product: y[b, o, t] = Σ_{c,k} W[o, c, k] · x_pad[b, c, t·s + k·d] + b[o]
/// (stride s, dilation d).
/// Same parameters and initialisation as <c>nn.Conv1d</c>. Use it instead of <c>nn.Conv1d</c> when the input needs a
/// gradient (a critic behind a generator, a gradient penalty): libtorch 2.10's oneDNN convolution backward returns NaN
/// gradients now and then on more than one thread (docs/TORCHSHARP.md).
/// </summary>
public sealed class UnfoldConv1d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter? weight;
    private readonly WeightNorm? norm;
    private readonly Parameter bias;
    private readonly int kernel, stride, padding, dilation;

    /// <summary>Creates the layer; weights drawn exactly as <c>nn.Conv1d(inputs, outputs, kernel, stride, padding, dilation)</c> would draw them (stride, padding and dilation do not change the draws); with <paramref name="weightNorm"/> the kernel is weight-normalised per output channel (<see cref="WeightNorm"/>).</summary>
    public UnfoldConv1d(int inputs, int outputs, int kernel, int stride = 1, int padding = 0, int dilation = 1, bool weightNorm = false) : base(nameof(UnfoldConv1d))
    {
        if (kernel < 1 || stride < 1 || padding < 0 || dilation < 1)
            throw new ArgumentException($"kernel, stride and dilation must be at least 1 and padding at least 0 (got {kernel}, {stride}, {padding}, {dilation}).");
        (this.kernel, this.stride, this.padding, this.dilation) = (kernel, stride, padding, dilation);
        var (w, b) = DefaultInitialization.Conv1d(inputs, outputs, kernel);
        if (weightNorm) { norm = new WeightNorm(w, 0); w.Dispose(); } else weight = w;
        bias = b;
        RegisterComponents();
    }

    /// <summary>The kernel W (outputs × inputs × kernel).</summary>
    public Tensor Weight => norm?.Weight() ?? weight!;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var padded = padding > 0 ? nn.functional.pad(x, new long[] { padding, padding }) : x;
        // [B, C, T'] → windows [B, C, T_out, K]: tap j is the padded input from j·d on, every stride-th value. Built
        // from K slices rather than Tensor.unfold, whose backward materialises every window's full width — for a
        // dilated kernel ((K − 1)·d + 1 values wide) that is gigabytes on a short sequence.
        long outLength = (padded.shape[2] - (long)(kernel - 1) * dilation - 1) / stride + 1;
        var taps = new Tensor[kernel];
        for (int j = 0; j < kernel; j++)
            taps[j] = padded.slice(2, (long)j * dilation, (long)j * dilation + (outLength - 1) * stride + 1, stride);
        var windows = stack(taps, 3);
        // windows → rows [B, T_out, C·K], times Wᵀ [C·K, O] → [B, T_out, O] → [B, O, T_out].
        var columns = windows.permute(0, 2, 1, 3).flatten(2);
        var kernelWeight = Weight;
        var outputs = kernelWeight.shape[0];
        return columns.matmul(kernelWeight.view(outputs, -1).t()).add(bias).transpose(1, 2);
    }
}
