using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Model;

/// <summary>
/// TimeGAN's discriminator (Yoon et al. 2019, §4): a GRU stack over latent sequences h (and, for panel data, the entity's
/// encoded attributes at every step — our extension), a logit per step, no activation (the losses take logits).
/// </summary>
public sealed class TimeGanDiscriminator : BeyondGan.Modules.Critic
{
    private readonly GruNetwork network;
    private readonly int conditionSize;

    /// <summary>Creates the discriminator for latents of <paramref name="hidden"/> floats per step.</summary>
    public TimeGanDiscriminator(int hidden, int layers, int conditionSize) : base(nameof(TimeGanDiscriminator))
    {
        this.conditionSize = conditionSize;
        network = new GruNetwork("discriminator", hidden + conditionSize, hidden, layers, 1);
        RegisterComponents();
    }

    /// <summary>Per-step logits [batch, steps] of latents <paramref name="h"/> [batch, steps, hidden]; <paramref name="entity"/> is the encoded entity row or null.</summary>
    public override Tensor forward(Tensor h, Tensor? entity)
    {
        if (conditionSize > 0 && entity is not null)
            h = cat(new[] { h, entity.unsqueeze(1).expand(h.shape[0], h.shape[1], conditionSize) }, 2);
        return network.call(h).squeeze(2);
    }
}
