using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Tabular.Model;

/// <summary>CTGAN's generator block (Xu et al. 2019, §4.4): h' = [ReLU(BN(W·h + b)), h], so the input skips ahead.</summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly PrecisionLinear fc;
    private readonly BatchNorm1d bn;

    /// <summary>A block mapping <paramref name="inputSize"/> features to <paramref name="inputSize"/> + <paramref name="outputSize"/>.</summary>
    public ResidualBlock(int inputSize, int outputSize) : base(nameof(ResidualBlock))
    {
        fc = new PrecisionLinear(inputSize, outputSize);
        bn = nn.BatchNorm1d(outputSize);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor h) => cat(new[] { nn.functional.relu(bn.call(fc.call(h))), h }, 1);
}
