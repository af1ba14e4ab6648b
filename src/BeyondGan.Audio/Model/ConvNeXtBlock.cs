using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// A 1-D ConvNeXt block as Vocos uses it (Liu et al. 2022, Fig. 4; Siuzdak 2023, §3.1): x + γ ⊙ W₂ GELU(W₁ LayerNorm(dwconv₇(x))),
/// the pointwise layers acting per frame, γ a per-channel layer scale started at <c>1 / blocks</c>. [batch, channels, frames] in and out.
/// </summary>
public sealed class ConvNeXtBlock : nn.Module<Tensor, Tensor>
{
    private readonly DepthwiseConv1d depthwise;
    private readonly LayerNorm norm;
    private readonly Linear expand;
    private readonly Linear project;
    private readonly Parameter gamma;

    /// <summary>A block of <paramref name="channels"/> channels widened to <paramref name="hidden"/> between its pointwise layers; γ starts at <paramref name="layerScale"/>.</summary>
    public ConvNeXtBlock(int channels, int hidden, double layerScale) : base(nameof(ConvNeXtBlock))
    {
        depthwise = new DepthwiseConv1d(channels, 7);
        norm = nn.LayerNorm(channels, eps: 1e-6);
        expand = nn.Linear(channels, hidden);
        project = nn.Linear(hidden, channels);
        gamma = nn.Parameter(full(channels, layerScale));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var h = depthwise.call(x).transpose(1, 2);   // [batch, frames, channels]
        h = project.call(nn.functional.gelu(expand.call(norm.call(h)))) * gamma;
        return x + h.transpose(1, 2);
    }
}
