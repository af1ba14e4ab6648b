using BeyondGan.Discrete;
using BeyondGan.Modules;
using BeyondGan.Text.Tokenization;
using static TorchSharp.torch;

namespace BeyondGan.Text.Model;

/// <summary>
/// The language model as a GAN generator (RelGAN, Nie et al. 2019, §2.2–2.3): sentences are sampled token by token
/// exactly at temperature 1, y_t = argmax(o_t + g_t) with Gumbel noise g_t, and fed back; the critic sees the relaxed
/// one-hot ŷ_t = softmax(β (o_t + g_t)), through which the gradient reaches the logits. After the end token a
/// sentence is padding (exact one-hots, as real sentences are padded). <see cref="InverseTemperature"/> β is annealed
/// by <see cref="GumbelAnnealing"/>. The noise comes from <see cref="NoiseGenerator"/>; the latent is a placeholder.
/// As a policy (<see cref="IPolicyGenerator"/>) it serves SeqGAN: the same draws with each token's log-probability,
/// and Monte-Carlo completions of a prefix.
/// </summary>
public sealed class TextGenerator : BeyondGan.Modules.Generator, IPolicyGenerator
{
    private readonly LanguageModel model;
    private readonly int vocabulary;

    /// <summary>Wraps <paramref name="model"/> to emit sentences of <paramref name="length"/> positions.</summary>
    public TextGenerator(LanguageModel model, int vocabulary, int length) : base(nameof(TextGenerator))
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
    public int Positions => Length;

    /// <inheritdoc />
    public override Tensor forward(Tensor z, Tensor? c)
    {
        long batch = z.shape[0];
        var device = z.device;
        var never = Never(device);
        var padding = Padding(batch, device);
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

    /// <summary>
    /// One exact draw per row from softmax(<paramref name="logits"/>) by the inverse of its cumulative distribution: one
    /// uniform number per row instead of Gumbel noise over the whole vocabulary (the rollouts' largest cost).
    /// </summary>
    private static Tensor InverseCdfDraw(Tensor logits, TorchSharp.torch.Generator rng)
    {
        var cdf = logits.softmax(1).cumsum(1);
        var u = rand(new[] { logits.shape[0], 1L }, generator: rng).to(logits.device) * cdf.narrow(1, logits.shape[1] - 1, 1);
        return cdf.lt(u).sum(1).clamp_max(logits.shape[1] - 1);
    }

    /// <summary>Ids that are never drawn (padding, the beginning) get −∞.</summary>
    private Tensor Never(Device device)
    {
        var never = zeros(vocabulary, device: device);
        never[Vocabulary.Pad] = tensor(float.NegativeInfinity);
        never[Vocabulary.Begin] = tensor(float.NegativeInfinity);
        return never;
    }

    /// <summary>Exact one-hots of the padding id, one row per sentence (what a sentence emits after its end).</summary>
    private Tensor Padding(long batch, Device device) =>
        nn.functional.one_hot(full(batch, Vocabulary.Pad, ScalarType.Int64, device: device), vocabulary).to(ScalarType.Float32);

    /// <inheritdoc />
    /// <remarks>
    /// The draws are <see cref="forward"/>'s (argmax of the logits plus Gumbel noise, exactly temperature 1) as exact
    /// one-hots; a log-probability is 0 after the end and for the end forced at the last position.
    /// </remarks>
    public (Tensor Sample, Tensor LogProbabilities) SampleWithLogProbabilities(Tensor z, Tensor? condition, TorchSharp.torch.Generator rng)
    {
        long batch = z.shape[0];
        var device = z.device;
        var never = Never(device);
        var padding = Padding(batch, device);
        var token = full(batch, Vocabulary.Begin, ScalarType.Int64, device: device);
        var ended = zeros(batch, ScalarType.Bool, device: device);
        (Tensor, Tensor)? state = null;
        var steps = new List<Tensor>(Length);
        var logps = new List<Tensor>(Length);
        for (int t = 0; t < Length; t++)
        {
            var (logits, next) = model.Step(token, state);
            state = next;
            var restricted = logits + never;
            var hard = (restricted.detach() + GumbelSoftmax.Noise(logits.shape, logits.dtype, device, rng)).argmax(1);
            bool forced = t == Length - 1;
            if (forced) hard = full_like(hard, Vocabulary.End);
            var logp = forced ? zeros(batch, device: device) : restricted.log_softmax(1).gather(1, hard.unsqueeze(1)).squeeze(1);
            logps.Add(where(ended, zeros_like(logp), logp));
            steps.Add(where(ended.unsqueeze(1), padding, nn.functional.one_hot(hard, vocabulary).to(ScalarType.Float32)));
            token = where(ended, full_like(hard, Vocabulary.Pad), hard);
            ended = ended.logical_or(hard.eq(Vocabulary.End));
        }
        return (stack(steps, 1), stack(logps, 1));
    }

    /// <inheritdoc />
    /// <remarks>
    /// The completions are token ids [count · batch, Length] (the form <see cref="TextCritic"/> also reads). All
    /// prefixes are completed together: the network's state after each prefix is taken from one teacher-forced pass
    /// over the sample, and the completions of every prefix run side by side, ordered by prefix so that at each step
    /// the rows still drawing (those whose prefix plus the steps done is short of the end) are a leading block.
    /// </remarks>
    public IEnumerable<Tensor> Rollouts(Tensor sample, int count, Tensor? condition, TorchSharp.torch.Generator rng)
    {
        var tokens = sample.argmax(2);                                                         // [B, L]
        var prefixes = TeacherForced(tokens);
        long block = count * sample.shape[0];
        // Groups of prefixes small enough that a step's logits stay under ~24 MB (larger blocks cost more in page faults than they save).
        int perGroup = (int)Math.Clamp(6_000_000 / Math.Max(1, block * vocabulary), 1, Length - 1);
        for (int k0 = 1; k0 < Length; k0 += perGroup)
        {
            int k1 = Math.Min(Length, k0 + perGroup);
            Tensor ids;
            using (var groupScope = NewDisposeScope()) ids = RolloutIds(tokens, prefixes, k0, k1, count, rng).MoveToOuterDisposeScope();
            for (int k = k0; k < k1; k++) yield return ids.narrow(0, (k - k0) * block, block);
        }
    }

    /// <summary>
    /// One teacher-forced pass over the sample's <paramref name="tokens"/> [B, L]: for prefix k = 1 … Length − 1
    /// (y_0 … y_{k−1} kept), the next-token logits and the recurrent state after reading it.
    /// </summary>
    private List<(Tensor Logits, Tensor H, Tensor C)> TeacherForced(Tensor tokens)
    {
        using var _ = no_grad();
        long batch = tokens.shape[0];
        var result = new List<(Tensor, Tensor, Tensor)>(Length - 1);
        var input = full(batch, Vocabulary.Begin, ScalarType.Int64, device: tokens.device);
        (Tensor H, Tensor C)? state = null;
        for (int i = 0; i < Length; i++)
        {
            var (logits, next) = model.Step(input, state);
            state = next;
            if (i >= 1) result.Add((logits, next.H, next.C));
            if (i < Length - 1) input = tokens.select(1, i);
        }
        return result;
    }

    /// <summary>Token ids [(k1 − k0) · count · batch, Length] of the completions of prefixes k0 … k1 − 1, prefix-major.</summary>
    private Tensor RolloutIds(Tensor tokens, List<(Tensor Logits, Tensor H, Tensor C)> prefixes, int k0, int k1, int count, TorchSharp.torch.Generator rng)
    {
        using var _ = no_grad();
        var device = tokens.device;
        long batch = tokens.shape[0], block = count * batch;
        var group = Enumerable.Range(k0, k1 - k0).ToList();
        Tensor Rows(Func<(Tensor Logits, Tensor H, Tensor C), Tensor> part, int dim) =>
            cat(group.SelectMany(k => Enumerable.Repeat(part(prefixes[k - 1]), count)).ToArray(), dim);
        var current = Rows(p => p.Logits, 0);                                                  // [R, V]
        var h = Rows(p => p.H, 1);
        var c = Rows(p => p.C, 1);
        var ids = tokens.repeat(group.Count * count, 1);                                       // [R, L]
        var prefixOfRow = arange(ids.shape[0], ScalarType.Int64, device: device).div(block, rounding_mode: RoundingMode.floor) + k0;
        var endedBefore = tokens.eq(Vocabulary.End).to(ScalarType.Int64).cumsum(1).gt(0);   // [B, L]: an end at or before position t
        var ended = cat(group.SelectMany(k => Enumerable.Repeat(endedBefore.select(1, k - 1), count)).ToArray(), 0);
        var never = Never(device);
        for (int j = 0; k0 + j < Length; j++)
        {
            // Each step's temporaries are freed at its end (the draw is thousands of rows by the vocabulary).
            using var stepScope = NewDisposeScope();
            // Rows still drawing: prefixes k ≤ Length − 1 − j, a leading block; the last of them draws the final position (the end).
            int last = Math.Min(k1 - 1, Length - 1 - j);
            long active = (last - k0 + 1) * block;
            var hard = InverseCdfDraw(current + never, rng);
            if (last == Length - 1 - j) hard[TensorIndex.Slice(active - block, active)] = tensor(Vocabulary.End);
            hard = where(ended, full_like(hard, Vocabulary.Pad), hard);
            ids.narrow(0, 0, active).scatter_(1, (prefixOfRow.narrow(0, 0, active) + j).unsqueeze(1), hard.unsqueeze(1));
            int nextLast = Math.Min(k1 - 1, Length - 2 - j);
            if (nextLast < k0) break;
            long next = (nextLast - k0 + 1) * block;
            var (logits, after) = model.Step(hard.narrow(0, 0, next), (h.narrow(1, 0, next), c.narrow(1, 0, next)));
            var stillEnded = ended.logical_or(hard.eq(Vocabulary.End)).narrow(0, 0, next);
            foreach (var old in new[] { current, h, c, ended }) old.Dispose();
            (current, h, c, ended) = (logits.MoveToOuterDisposeScope(), after.H.MoveToOuterDisposeScope(), after.C.MoveToOuterDisposeScope(), stillEnded.MoveToOuterDisposeScope());
        }
        return ids;
    }
}
