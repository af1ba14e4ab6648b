using BeyondGan.Audio.Features;
using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.Training;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// HiFi-GAN's generator loss (Kong et al. 2020, Eq. 7): Σ_k [L_adv(G; D_k) + λ_fm · L_FM(G; D_k)] + λ_mel · L_mel, with the
/// least-squares adversarial term per sub-critic (Eq. 2), feature matching on every hidden layer (Eq. 3) and the L1 distance
/// of log-mel spectrograms (Eq. 4); λ_fm = 2, λ_mel = 45. With a positive <paramref name="stftWeight"/> it adds λ_stft times
/// Parallel WaveGAN's multi-resolution STFT loss (<see cref="MultiResolutionStftLoss"/>) of the generated clips against the real ones.
/// </summary>
public sealed class HiFiGanObjective(IGanLoss loss, LogMelSpectrogram mel, double featureWeight = 2, double melWeight = 45, double stftWeight = 0) : IGeneratorObjective
{
    /// <inheritdoc />
    public string Name => "hifigan";

    private readonly MultiResolutionStftLoss stft = new();

    /// <inheritdoc />
    public Tensor Loss(GeneratorObjectiveInputs inputs)
    {
        var real = inputs.Real ?? throw new ArgumentException("the HiFi-GAN objective needs the real batch.");
        var critic = inputs.Critic as IFeatureCritic ?? throw new ArgumentException("the HiFi-GAN objective needs a critic that shows its features.");
        var fake = inputs.Generator.call(inputs.Z, inputs.Condition);
        IReadOnlyList<Tensor> realFeatures;
        using (no_grad()) realFeatures = critic.ScoreWithFeatures(real, null).Features;
        var (fakeScores, fakeFeatures) = critic.ScoreWithFeatures(fake, null);
        var adversarial = loss.GeneratorLoss(inputs.Critic, null, fakeScores);   // summed over the sub-critics
        var matching = FeatureMatching.Loss(realFeatures, fakeFeatures);
        inputs.Terms["generator_adversarial"] = adversarial.item<float>();
        inputs.Terms["feature_matching"] = matching.item<float>();
        return adversarial + featureWeight * matching + Reconstruction(real, inputs.Condition!, fake, inputs.Terms);
    }

    /// <summary>
    /// The objective's reconstruction terms alone, λ_mel · L_mel (+ λ_stft · L_stft), of <paramref name="fake"/> against the
    /// <paramref name="real"/> clips whose log-mels are <paramref name="realMel"/>; each term recorded in <paramref name="terms"/>.
    /// </summary>
    public Tensor Reconstruction(Tensor real, Tensor realMel, Tensor fake, IDictionary<string, double> terms)
    {
        var melL1 = (mel.Compute(fake) - realMel).abs().mean();
        terms["mel_l1"] = melL1.item<float>();
        var total = melWeight * melL1;
        if (stftWeight == 0) return total;
        var spectral = stft.Compute(real, fake);
        terms["stft"] = spectral.item<float>();
        return total + stftWeight * spectral;
    }
}
