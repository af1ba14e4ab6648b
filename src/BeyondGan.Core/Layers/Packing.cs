using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// PacGAN packing (Lin et al. 2018, §3): the critic judges m samples jointly, [B, F] → [B/m, m·F], which
/// penalises a generator whose samples lack diversity.
/// </summary>
public sealed class Packing : nn.Module<Tensor, Tensor>
{
    /// <summary>Samples per pack, m.</summary>
    public int PackSize { get; }

    /// <summary>Creates a packing layer for packs of <paramref name="packSize"/> samples.</summary>
    public Packing(int packSize) : base(nameof(Packing))
    {
        if (packSize < 1) throw new ArgumentOutOfRangeException(nameof(packSize), "Pack size must be at least 1.");
        PackSize = packSize;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        if (PackSize == 1) return x;
        if (x.shape[0] % PackSize != 0)
            throw new ArgumentException($"Batch size {x.shape[0]} is not divisible by the pack size {PackSize}.");
        return x.reshape(x.shape[0] / PackSize, -1);
    }
}
