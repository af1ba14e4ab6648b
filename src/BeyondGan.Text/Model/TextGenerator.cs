using BeyondGan.Discrete;
using BeyondGan.Text.Tokenization;
using static TorchSharp.torch;

namespace BeyondGan.Text.Model;

/// <summary>
/// The language model as a GAN generator (RelGAN, Nie et al. 2019, §2.2–2.3): sentences are sampled token by token
/// exactly at temperature 1, y_t = argmax(o_t + g_t) with Gumbel noise g_t, and fed back; the critic sees the relaxed
/// one-hot ŷ_t = softmax(β (o_t + g_t)), through which the gradient reaches the logits. After the end token a
/// sentence is padding (exact one-hots, as real sentences are padded). <see cref="InverseTemperature"/> β is annealed
/// by <see cref="GumbelAnnealing"/>. The noise comes from <see cref="NoiseGenerator"/>; the latent is a placeholder.
/// </summary>
public sealed class TextGenerator : BeyondGan.Modules.Generator
{
    private readonly LstmLanguageModel model;
    private readonly int vocabulary;

    /// <summary>Wraps <paramref name="model"/> to emit sentences of <paramref name="length"/> positions.</summary>
    public TextGenerator(LstmLanguageModel model, int vocabulary, int length) : base(nameof(TextGenerator))
    {
        this.model = model;
        this.vocabulary = vocabulary;
        Length = length;
        RegisterComponents();
    }

    /// <summary>Positions per sentence (the longest training sentence and its end).</summary>
    public int Length { get; }

    /// <summary>β of the relaxed one-hots (1 at the start of training, β_max at its end).</summary>
    public double InverseTemperature { get; set; } = 1;

    /// <summary>
    /// Show the critic exact one-hots of the sampled tokens with the relaxed sample's gradient (the straight-through
    /// estimator, y = y_hard − stopgrad(ŷ) + ŷ; Bengio et al. 2013) instead of the relaxed one-hots themselves.
    /// </summary>
    public bool StraightThroughEstimator { get; set; }

    /// <summary>Random generator of the Gumbel noise (the trainer's).</summary>
    public TorchSharp.torch.Generator? NoiseGenerator { get; set; }

    /// <inheritdoc />
    public override int LatentSize => 1;

    /// <inheritdoc />
    public override Tensor forward(Tensor z, Tensor? c)
    {
        long batch = z.shape[0];
        var device = z.device;
        var never = zeros(vocabulary, device: device);
        never[Vocabulary.Pad] = tensor(float.NegativeInfinity);
        never[Vocabulary.Begin] = tensor(float.NegativeInfinity);
        var padding = nn.functional.one_hot(full(batch, Vocabulary.Pad, ScalarType.Int64, device: device), vocabulary).to(ScalarType.Float32);
        var token = full(batch, Vocabulary.Begin, ScalarType.Int64, device: device);
        var ended = zeros(batch, ScalarType.Bool, device: device);
        (Tensor, Tensor)? state = null;
        var steps = new List<Tensor>(Length);
        for (int t = 0; t < Length; t++)
        {
            var (logits, next) = model.Step(token, state);
            state = next;
            var perturbed = logits + never + GumbelSoftmax.Noise(logits.shape, logits.dtype, device, NoiseGenerator);
            var hard = perturbed.argmax(1);
            if (t == Length - 1) hard = full_like(hard, Vocabulary.End);
            var soft = (perturbed * InverseTemperature).softmax(1);
            if (StraightThroughEstimator) soft = StraightThrough.Apply(nn.functional.one_hot(hard, vocabulary).to(soft.dtype), soft);
            soft = where(ended.unsqueeze(1), padding, soft);
            steps.Add(soft);
            token = where(ended, full_like(hard, Vocabulary.Pad), hard);
            ended = ended.logical_or(hard.eq(Vocabulary.End));
        }
        return stack(steps, 1);
    }
}
