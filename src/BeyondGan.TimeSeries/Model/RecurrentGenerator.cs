using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Model;

/// <summary>
/// A generator of encoded sequences G(z, c) → [batch, steps, width], with c = [entity encoding, step mask]: what a
/// <see cref="SequenceSynthesizer"/> samples through, whichever networks it trained.
/// </summary>
public abstract class RecurrentGenerator : BeyondGan.Modules.Generator
{
    /// <summary>Creates the module called <paramref name="name"/>.</summary>
    protected RecurrentGenerator(string name) : base(name) { }

    /// <summary>Noise for <paramref name="count"/> sequences of <paramref name="steps"/> steps (any number of steps: a sequence may be longer than the training length).</summary>
    public abstract Tensor SampleLatent(long count, int steps, TorchSharp.torch.Generator rng, Device device);

    /// <summary>Random generator for noise drawn inside forward (Gumbel-softmax); null = libtorch's global one.</summary>
    public TorchSharp.torch.Generator? NoiseGenerator { get; set; }
}
