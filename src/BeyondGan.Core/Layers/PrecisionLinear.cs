using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace BeyondGan.Layers;

/// <summary>
/// A linear layer y = x Wᵀ + b whose matrix product can run in bfloat16 while the weights, the bias and everything
/// around the layer stay float32 (mixed precision as in Kalamkar et al. 2019, "A Study of BFLOAT16 for Deep Learning
/// Training"; PyTorch's CPU autocast does the same). On CPUs with AVX512-BF16 the product is several times faster.
/// Same parameters, names and initialisation as <c>nn.Linear</c>, so model files are interchangeable.
/// </summary>
public sealed class PrecisionLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    /// <summary>Creates the layer with PyTorch's default Linear initialisation.</summary>
    public PrecisionLinear(int inputs, int outputs) : base(nameof(PrecisionLinear))
    {
        (weight, bias) = DefaultInitialization.Linear(inputs, outputs);
        RegisterComponents();
    }

    /// <summary>The type the matrix product runs in: Float32 (default) or BFloat16.</summary>
    public ScalarType ComputeType { get; set; } = ScalarType.Float32;

    /// <summary>The weight W (outputs × inputs).</summary>
    public Tensor Weight => weight;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        if (ComputeType == x.dtype) return linear(x, weight, bias);
        // The product in the compute type (accumulated in float32 by the kernel), the result and the bias in x's type.
        return linear(x.to(ComputeType), weight.to(ComputeType)).to(x.dtype) + bias;
    }

    /// <summary>Sets <see cref="ComputeType"/> of every <see cref="PrecisionLinear"/> inside <paramref name="module"/>.</summary>
    public static void SetComputeType(nn.Module module, ScalarType type)
    {
        foreach (var layer in module.modules().OfType<PrecisionLinear>()) layer.ComputeType = type;
        if (module is PrecisionLinear self) self.ComputeType = type;
    }
}
