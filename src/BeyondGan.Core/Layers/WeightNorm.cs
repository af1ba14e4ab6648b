using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// Weight normalisation (Salimans &amp; Kingma 2016, Eq. 2): w = g · v / ‖v‖, with the norm over every dimension but
/// <see cref="Dim"/>, so each slice along it (an output channel) has its length g learnt apart from its direction v.
/// Started at v = w₀, g = ‖w₀‖, so the layer begins with its ordinary initial weight. Written here: TorchSharp 0.107 has
/// no <c>nn.utils.weight_norm</c>.
/// </summary>
public sealed class WeightNorm : nn.Module
{
    private readonly Parameter direction;
    private readonly Parameter magnitude;

    /// <summary>Normalises <paramref name="initial"/> along <paramref name="dim"/> (copied; the tensor itself is not kept).</summary>
    public WeightNorm(Tensor initial, int dim = 0) : base(nameof(WeightNorm))
    {
        Dim = dim;
        using var _ = no_grad();
        direction = nn.Parameter(initial.detach().clone());
        magnitude = nn.Parameter(Norm(initial.detach()));
        RegisterComponents();
    }

    /// <summary>The dimension whose slices are normalised one by one.</summary>
    public int Dim { get; }

    /// <summary>The effective weight g · v / ‖v‖ (with its graph to g and v).</summary>
    public Tensor Weight() => magnitude * direction / Norm(direction);

    private Tensor Norm(Tensor v)
    {
        var others = Enumerable.Range(0, (int)v.dim()).Where(d => d != Dim).Select(d => (long)d).ToArray();
        return v.square().sum(others, keepdim: true).sqrt();
    }
}
