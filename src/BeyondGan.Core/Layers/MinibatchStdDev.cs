using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// Minibatch standard deviation (Karras et al. 2018, §3): appends one feature, the mean over features of the
/// standard deviation of each feature over the batch, so the critic can see a batch's lack of variety.
/// Works on [B, F] (adds a column) and [B, C, L] (adds a channel).
/// </summary>
public sealed class MinibatchStdDev : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    public MinibatchStdDev() : base(nameof(MinibatchStdDev)) { }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var centred = x - x.mean(new long[] { 0 }, keepdim: true);
        var std = (centred.square().mean(new long[] { 0 }) + 1e-8).sqrt();
        var stat = std.mean();
        var shape = x.shape.ToArray();
        shape[1] = 1;
        return cat(new[] { x, stat.expand(shape) }, 1);
    }
}
