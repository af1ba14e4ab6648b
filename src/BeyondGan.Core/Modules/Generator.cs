using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Modules;

/// <summary>
/// A generator G(z, c): maps latent noise z (and an optional condition c) to a sample. Subclasses may be MLPs,
/// 1-D convolutional or recurrent networks; the trainer only needs <see cref="SampleLatent"/> and forward.
/// </summary>
public abstract class Generator : nn.Module<Tensor, Tensor?, Tensor>
{
    /// <summary>Creates a generator module with the given module name.</summary>
    protected Generator(string name) : base(name) { }

    /// <summary>Size of one latent vector.</summary>
    public abstract int LatentSize { get; }

    /// <summary>Draws <paramref name="count"/> latent vectors from the prior (standard normal unless overridden).</summary>
    public virtual Tensor SampleLatent(long count, torch.Generator rng, Device device) =>
        randn(new[] { count, (long)LatentSize }, generator: rng).to(device);
}
