namespace BeyondGan.TimeSeries.Model;

/// <summary>The sequence networks a <see cref="SequenceSynthesizer"/> trains.</summary>
public enum SequenceModelKind
{
    /// <summary>
    /// The default: a conditional WGAN-GP with a recurrent generator emitting several steps per cell and a convolutional
    /// critic (<see cref="SequenceGenerator"/>, <see cref="SequenceCritic"/>).
    /// </summary>
    Default,
    /// <summary>
    /// TimeGAN (Yoon et al. 2019): embedder, recovery, generator, supervisor and a per-step discriminator on the
    /// latent, trained in three phases (<see cref="TimeGan"/>).
    /// </summary>
    TimeGan,
}
