using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>PyTorch's default initialisation of a layer, as parameters a custom layer owns (same random draws as the nn layer).</summary>
internal static class DefaultInitialization
{
    /// <summary>A weight (outputs × inputs) and bias initialised exactly as <c>nn.Linear(inputs, outputs)</c> would be.</summary>
    public static (Parameter Weight, Parameter Bias) Linear(int inputs, int outputs) => Own(nn.Linear(inputs, outputs));

    /// <summary>A kernel (outputs × inputs × kernel) and bias initialised exactly as <c>nn.Conv1d(inputs, outputs, kernel)</c> would be.</summary>
    public static (Parameter Weight, Parameter Bias) Conv1d(int inputs, int outputs, int kernel) => Own(nn.Conv1d(inputs, outputs, kernel));

    /// <summary>A kernel (inputs × outputs × kernel) and bias initialised exactly as <c>nn.ConvTranspose1d(inputs, outputs, kernel)</c> would be.</summary>
    public static (Parameter Weight, Parameter Bias) ConvTranspose1d(int inputs, int outputs, int kernel) => Own(nn.ConvTranspose1d(inputs, outputs, kernel));

    /// <summary>A kernel (outputs × inputs × kernel × kernel) and bias initialised exactly as <c>nn.Conv2d(inputs, outputs, kernel)</c> would be.</summary>
    public static (Parameter Weight, Parameter Bias) Conv2d(int inputs, int outputs, int kernel) => Own(nn.Conv2d(inputs, outputs, kernel));

    /// <summary>A kernel (inputs × outputs × kernel × kernel) and bias initialised exactly as <c>nn.ConvTranspose2d(inputs, outputs, kernel)</c> would be.</summary>
    public static (Parameter Weight, Parameter Bias) ConvTranspose2d(int inputs, int outputs, int kernel) => Own(nn.ConvTranspose2d(inputs, outputs, kernel));

    /// <summary>Copies of <paramref name="layer"/>'s weight and bias as parameters of their own; the layer is disposed.</summary>
    private static (Parameter Weight, Parameter Bias) Own(nn.Module layer)
    {
        using (layer)
        {
            var p = layer.named_parameters().ToDictionary(x => x.name, x => x.parameter);
            return (nn.Parameter(p["weight"].detach().clone()), nn.Parameter(p["bias"].detach().clone()));
        }
    }
}
