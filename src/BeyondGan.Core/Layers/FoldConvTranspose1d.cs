using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// A transposed 1-D convolution written as one matrix product and an overlap-add (col2im):
/// y[b, o, t·s + k − p] += Σ_c W[c, o, k] · x[b, c, t], plus the bias; output length (L − 1)·s − 2p + K + output_padding.
/// Same parameters and initialisation as <c>nn.ConvTranspose1d</c>. Its backward is an im2col and a matrix product, so it
/// avoids libtorch 2.10's oneDNN convolution backward, which returns NaN input gradients now and then on more than one
/// thread (docs/TORCHSHARP.md) — and a generator's layers all need input gradients.
/// </summary>
public sealed class FoldConvTranspose1d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter? weight;
    private readonly WeightNorm? norm;
    private readonly Parameter bias;
    private readonly int kernel, stride, padding, outputPadding;

    /// <summary>Creates the layer; weights drawn exactly as <c>nn.ConvTranspose1d(inputs, outputs, kernel, stride, padding, output_padding)</c> would draw them; with <paramref name="weightNorm"/> the kernel is weight-normalised per output channel (<see cref="WeightNorm"/>).</summary>
    public FoldConvTranspose1d(int inputs, int outputs, int kernel, int stride = 1, int padding = 0, int outputPadding = 0, bool weightNorm = false) : base(nameof(FoldConvTranspose1d))
    {
        if (kernel < 1 || stride < 1 || padding < 0 || outputPadding < 0 || outputPadding >= stride)
            throw new ArgumentException($"kernel and stride must be at least 1, padding at least 0, output padding in [0, stride) (got {kernel}, {stride}, {padding}, {outputPadding}).");
        (this.kernel, this.stride, this.padding, this.outputPadding) = (kernel, stride, padding, outputPadding);
        var (w, b) = DefaultInitialization.ConvTranspose1d(inputs, outputs, kernel);
        if (weightNorm) { norm = new WeightNorm(w, 1); w.Dispose(); } else weight = w;
        bias = b;
        RegisterComponents();
    }

    /// <summary>The kernel W (inputs × outputs × kernel), as <c>nn.ConvTranspose1d</c> lays it out.</summary>
    public Tensor Weight => norm?.Weight() ?? weight!;

    /// <summary>The output length for an input of <paramref name="length"/> samples.</summary>
    public long OutputLength(long length) => (length - 1) * stride - 2L * padding + kernel + outputPadding;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var kernelWeight = Weight;
        long batch = x.shape[0], length = x.shape[2], outputs = kernelWeight.shape[1];
        // Columns [B, O·K, L]: what each input position adds to the K outputs it reaches.
        var columns = x.transpose(1, 2).matmul(kernelWeight.flatten(1)).transpose(1, 2);
        long full = (length - 1) * stride + kernel;
        // Overlap-add of the columns into [B, O, 1, full] (fold is col2im: a 2-D fold with a height of 1).
        var y = nn.functional.fold(columns, (1, full), (1, kernel), stride: (1, stride)).view(batch, outputs, full);
        long outLength = OutputLength(length);
        if (padding > 0 || outputPadding > 0)
        {
            long end = padding + outLength;
            y = end <= full ? y.narrow(2, padding, outLength) : nn.functional.pad(y, [0, end - full]).narrow(2, padding, outLength);
        }
        return y + bias.view(1, -1, 1);
    }
}
