using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>Maxout unit (Goodfellow et al. 2013, Eq. 1): h_i = max_j (xᵀW_ij + b_ij) over <c>pieces</c> affine maps.</summary>
public sealed class Maxout : nn.Module<Tensor, Tensor>
{
    private readonly Linear linear;
    private readonly int outputs, pieces;

    /// <summary>Creates a maxout layer of <paramref name="outputs"/> units with <paramref name="pieces"/> pieces each.</summary>
    public Maxout(int inputs, int outputs, int pieces = 5) : base(nameof(Maxout))
    {
        this.outputs = outputs;
        this.pieces = pieces;
        linear = nn.Linear(inputs, outputs * pieces);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x) =>
        linear.call(x).view(x.shape[0], outputs, pieces).amax(new long[] { 2 });
}
