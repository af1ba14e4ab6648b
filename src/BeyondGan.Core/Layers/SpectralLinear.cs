using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace BeyondGan.Layers;

/// <summary>A linear layer whose weight is spectrally normalised (Miyato et al. 2018): y = x (W / σ(W))ᵀ + b.</summary>
public sealed class SpectralLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor u;

    /// <summary>Creates the layer with PyTorch's default Linear initialisation and a random unit vector u.</summary>
    public SpectralLinear(int inputs, int outputs) : base(nameof(SpectralLinear))
    {
        (weight, bias) = DefaultInitialization.Linear(inputs, outputs);
        var u0 = randn(outputs);
        u = u0 / u0.norm();
        register_buffer("u", u);
        RegisterComponents();
    }

    /// <summary>The unnormalised weight W.</summary>
    public Tensor Weight => weight;

    /// <summary>Current estimate of σ(W) from the stored power-iteration vector.</summary>
    public double Sigma => SpectralNorm.Sigma(weight, u);

    /// <summary>The normalised weight W / σ(W) without updating u.</summary>
    public Tensor NormalizedWeight() => SpectralNorm.Normalize(weight, u, updateU: false);

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => linear(x, SpectralNorm.Normalize(weight, u, updateU: training), bias);
}
