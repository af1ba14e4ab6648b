using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Modules;

/// <summary>
/// A critic (discriminator) D(x, c): scores a batch of samples with an optional condition. Returns one score
/// per packed group of <see cref="PackSize"/> samples (PacGAN), so a batch of B gives B / PackSize scores.
/// </summary>
public abstract class Critic : nn.Module<Tensor, Tensor?, Tensor>
{
    /// <summary>Creates a critic module with the given module name.</summary>
    protected Critic(string name) : base(name) { }

    /// <summary>How many samples are packed into one critic input (1 = no packing).</summary>
    public virtual int PackSize => 1;

    /// <summary>
    /// True when each pack's score depends on that pack alone (no batch statistics such as BatchNorm or minibatch
    /// standard deviation), so real and generated samples may be scored in one call.
    /// </summary>
    public virtual bool ScoresPacksIndependently => false;

    /// <summary>
    /// The scores split into the parts the adversarial loss is applied to one by one and summed (HiFi-GAN's several
    /// critics: each sub-critic's scores are one part, Kong et al. 2020 Eq. 5–6). One part, the whole, unless overridden.
    /// </summary>
    public virtual IReadOnlyList<Tensor> ScoreParts(Tensor scores) => [scores];
}
