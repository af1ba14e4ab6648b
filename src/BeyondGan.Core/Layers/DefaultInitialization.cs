using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>PyTorch's default initialisation of a layer, as parameters a custom layer owns (same random draws as the nn layer).</summary>
internal static class DefaultInitialization
{
    /// <summary>A weight (outputs × inputs) and bias initialised exactly as <c>nn.Linear(inputs, outputs)</c> would be.</summary>
    public static (Parameter Weight, Parameter Bias) Linear(int inputs, int outputs)
    {
        using var init = nn.Linear(inputs, outputs);
        return Own(init.weight!, init.bias!);
    }

    /// <summary>A kernel (outputs × inputs × kernel) and bias initialised exactly as <c>nn.Conv1d(inputs, outputs, kernel)</c> would be.</summary>
    public static (Parameter Weight, Parameter Bias) Conv1d(int inputs, int outputs, int kernel)
    {
        using var init = nn.Conv1d(inputs, outputs, kernel);
        return Own(init.weight!, init.bias!);
    }

    /// <summary>A kernel (inputs × outputs × kernel) and bias initialised exactly as <c>nn.ConvTranspose1d(inputs, outputs, kernel)</c> would be.</summary>
    public static (Parameter Weight, Parameter Bias) ConvTranspose1d(int inputs, int outputs, int kernel)
    {
        using var init = nn.ConvTranspose1d(inputs, outputs, kernel);
        return Own(init.weight!, init.bias!);
    }

    /// <summary>A kernel (outputs × inputs × kernel × kernel) and bias initialised exactly as <c>nn.Conv2d(inputs, outputs, kernel)</c> would be.</summary>
    public static (Parameter Weight, Parameter Bias) Conv2d(int inputs, int outputs, int kernel)
    {
        using var init = nn.Conv2d(inputs, outputs, kernel);
        return Own(init.weight!, init.bias!);
    }

    /// <summary>A kernel (inputs × outputs × kernel × kernel) and bias initialised exactly as <c>nn.ConvTranspose2d(inputs, outputs, kernel)</c> would be.</summary>
    public static (Parameter Weight, Parameter Bias) ConvTranspose2d(int inputs, int outputs, int kernel)
    {
        using var init = nn.ConvTranspose2d(inputs, outputs, kernel);
        return Own(init.weight!, init.bias!);
    }

    private static (Parameter Weight, Parameter Bias) Own(Tensor weight, Tensor bias) =>
        (nn.Parameter(weight.detach().clone()), nn.Parameter(bias.detach().clone()));
}
