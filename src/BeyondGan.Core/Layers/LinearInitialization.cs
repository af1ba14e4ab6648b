using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>PyTorch's default Linear initialisation, as parameters a custom linear layer owns (same random draws as nn.Linear).</summary>
internal static class LinearInitialization
{
    /// <summary>A weight (outputs × inputs) and bias initialised exactly as <c>nn.Linear(inputs, outputs)</c> would be.</summary>
    public static (Parameter Weight, Parameter Bias) Default(int inputs, int outputs)
    {
        using var init = nn.Linear(inputs, outputs);
        return (nn.Parameter(init.weight!.detach().clone()), nn.Parameter(init.bias!.detach().clone()));
    }
}
