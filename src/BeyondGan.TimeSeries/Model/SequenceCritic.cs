using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Model;

/// <summary>
/// The default sequence critic: the steps (and the step mask as one more channel) through three 1-D convolutions
/// (kernel 5, the last two with stride 2, LeakyReLU 0.2), flattened and joined to the entity's condition, then two
/// linear layers to one score (no normalisation: the gradient penalty needs each score to depend on its sequence
/// alone). The convolutions are <see cref="UnfoldConv1d"/>, whose backward is reliable on several threads.
/// </summary>
public sealed class SequenceCritic : BeyondGan.Modules.Critic
{
    private readonly UnfoldConv1d conv1, conv2, conv3;
    private readonly Linear hidden, output;
    private readonly int conditionSize;

    /// <summary>Creates the critic for sequences of <paramref name="length"/> steps of <paramref name="width"/> floats.</summary>
    public SequenceCritic(int width, int length, int conditionSize, int channels) : base(nameof(SequenceCritic))
    {
        this.conditionSize = conditionSize;
        conv1 = new UnfoldConv1d(width + 1, channels, 5, padding: 2);
        conv2 = new UnfoldConv1d(channels, channels, 5, stride: 2, padding: 2);
        conv3 = new UnfoldConv1d(channels, channels, 5, stride: 2, padding: 2);
        int reduced = (((length + 1) / 2) + 1) / 2;
        hidden = nn.Linear(channels * reduced + conditionSize, 2 * channels);
        output = nn.Linear(2 * channels, 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override bool ScoresPacksIndependently => true;

    /// <inheritdoc />
    public override Tensor forward(Tensor x, Tensor? c)
    {
        long batch = x.shape[0], steps = x.shape[1];
        var mask = c is not null && c.shape[1] > conditionSize ? c.narrow(1, conditionSize, steps) : ones(batch, steps, device: x.device);
        var h = cat(new[] { x.transpose(1, 2), mask.unsqueeze(1) }, 1);
        h = nn.functional.leaky_relu(conv1.call(h), 0.2);
        h = nn.functional.leaky_relu(conv2.call(h), 0.2);
        h = nn.functional.leaky_relu(conv3.call(h), 0.2).flatten(1);
        if (conditionSize > 0) h = cat(new[] { h, c!.narrow(1, 0, conditionSize) }, 1);
        return output.call(nn.functional.leaky_relu(hidden.call(h), 0.2)).squeeze(1);
    }
}
