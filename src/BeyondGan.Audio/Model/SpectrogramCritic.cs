using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// The critic of <see cref="SpectrogramGenerator"/>'s spectrograms: the mirror — four strided 1-D convolutions over time with
/// the bins as channels (kernel 5, stride 2: bins → 8d → 8d → 16d → 16d), LeakyReLU 0.2, no normalisation (WGAN-GP), a dense
/// score, and for labels the projection term ⟨embed(y), φ(x)⟩ (Miyato &amp; Koyama 2018).
/// </summary>
public sealed class SpectrogramCritic : BeyondGan.Modules.Critic
{
    private readonly ModuleList<UnfoldConv1d> convolutions;
    private readonly Linear score;
    private readonly Linear? projection;

    /// <summary>Builds the network for spectrograms of <paramref name="bins"/> × <paramref name="frames"/>.</summary>
    public SpectrogramCritic(AudioModelOptions options, int bins, int frames, int labels) : base(nameof(SpectrogramCritic))
    {
        int w = options.Width;
        int[] channels = [bins, 8 * w, 8 * w, 16 * w, 16 * w];
        convolutions = nn.ModuleList(Enumerable.Range(0, 4).Select(i => new UnfoldConv1d(channels[i], channels[i + 1], 5, stride: 2, padding: 2)).ToArray());
        long features = (long)channels[4] * (frames / 16);
        score = nn.Linear(features, 1);
        projection = labels > 0 ? nn.Linear(labels, features, hasBias: false) : null;
        RegisterComponents();
    }

    /// <summary>No batch statistics: real and generated spectrograms may be scored in one call.</summary>
    public override bool ScoresPacksIndependently => true;

    /// <inheritdoc />
    public override Tensor forward(Tensor x, Tensor? condition)
    {
        foreach (var conv in convolutions) x = nn.functional.leaky_relu(conv.call(x), 0.2);
        var h = x.flatten(1);
        var s = score.call(h);
        if (projection is not null)
            s = s + (projection.call(condition ?? throw new ArgumentException("a conditional critic needs a label")) * h).sum(1, keepdim: true);
        return s;
    }
}
