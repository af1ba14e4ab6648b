using BeyondGan.Discrete;
using BeyondGan.Losses;
using BeyondGan.Runtime;
using BeyondGan.Sampling;
using BeyondGan.Text.Data;
using BeyondGan.Text.Tokenization;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Text.Model;

/// <summary>
/// A text model: the corpus tokenized by the benchmarks' word tokenizer (optionally into sub-word units), a vocabulary,
/// and a language model (LSTM or relational memory) trained through the engine's <see cref="PhaseSchedule"/> — by
/// maximum likelihood, the baseline every text GAN must beat (REFERENCES §4), then optionally by SeqGAN's policy
/// gradient or RelGAN's game. Samples are drawn token by token at a temperature (optionally top-k or nucleus), in chunks each
/// seeded from (seed, chunk), so the same seed gives the same sentences at any size.
/// </summary>
public sealed class TextSynthesizer : IDisposable
{
    internal TextSynthesizer(TextModelState state)
    {
        TorchRuntime.EnsureLoaded();
        State = state;
        Seeding.Seed(state.Options.Seed);
        Network = state.Options.Generator == "rmc"
            ? new RelationalMemoryLanguageModel(state.Vocabulary.Count, state.Options, state.Labels?.Count ?? 0)
            : new LstmLanguageModel(state.Vocabulary.Count, state.Options, state.Labels?.Count ?? 0);
        Network.to(TorchRuntime.ParseDevice(state.Options.Device));
    }

    /// <summary>Vocabulary, options and sizes (the model file's header).</summary>
    public TextModelState State { get; }
    /// <summary>The language model.</summary>
    public LanguageModel Network { get; }
    /// <summary>Per-step training metrics.</summary>
    public MetricsHistory History { get; internal set; } = new();
    /// <summary>Steps trained.</summary>
    public long StepsTrained { get; internal set; }
    /// <summary>True when every requested step was trained.</summary>
    public bool IsComplete => StepsTrained >= State.Options.TotalSteps;

    /// <summary>The word tokenizer the model reads and scores text with.</summary>
    public TreebankWordTokenizer Tokenizer => new(State.Options.LowerCase);

    private BytePairEncoding? subwords;

    /// <summary>A sub-word model's byte-pair encoding (null for a model of whole words).</summary>
    public BytePairEncoding? Subwords => State.BpeMerges is null ? null : subwords ??= new BytePairEncoding(State.BpeAlphabet ?? [], State.BpeMerges);

    /// <summary>The model's tokens of a sentence's words: the words themselves, or their sub-word units.</summary>
    public IReadOnlyList<string> Units(IReadOnlyList<string> words) => Subwords?.Encode(words) ?? words;

    /// <summary>
    /// Tokenizes <paramref name="corpus"/>, builds the vocabulary and trains; a cancellation stops at a step boundary.
    /// <paramref name="monitor"/>, when given, is called with the model every <paramref name="monitorEvery"/> steps (to
    /// score a few samples while training).
    /// </summary>
    public static TextSynthesizer Fit(TextCorpus corpus, TextModelOptions options, Action<string, long, long>? progress = null, CancellationToken cancellation = default,
        Action<TextSynthesizer, long>? monitor = null, long monitorEvery = 500)
    {
        options.Validate();
        TorchRuntime.EnsureLoaded();
        var tokenizer = new TreebankWordTokenizer(options.LowerCase);
        var sentences = tokenizer.TokenizeAll(corpus.Lines);
        var bpe = options.Subwords > 0 ? BytePairEncoding.Train(sentences, options.Subwords) : null;
        if (bpe is not null) for (int i = 0; i < sentences.Count; i++) sentences[i] = bpe.Encode(sentences[i]);
        int truncated = 0;
        for (int i = 0; i < sentences.Count; i++)
        {
            if (sentences[i].Count <= options.MaxLength) continue;
            if (options.RefuseLong)
                throw new InvalidDataException($"{corpus.Source}, line {corpus.LineNumbers[i]}: {sentences[i].Count} tokens, more than --max-length {options.MaxLength}.");
            sentences[i] = sentences[i].Take(options.MaxLength).ToArray();
            truncated++;
        }
        var vocabulary = Vocabulary.Build(sentences, options.MinimumCount);
        var labels = corpus.Labels?.Distinct().Order(StringComparer.Ordinal).ToList();
        var labelIds = labels is null ? null : corpus.Labels!.Select(l => labels.IndexOf(l)).ToList();
        if (labels is not null && options.Model != "mle")
            throw new ArgumentException($"--label-column: conditional generation is built for --model mle only, not {options.Model}.");
        var state = new TextModelState
        {
            Library = typeof(TextSynthesizer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            Model = options.Model, Tokenizer = (options.LowerCase ? "treebank-words, lower-cased" : "treebank-words") + (bpe is null ? "" : $", byte-pair units ({bpe.Merges.Count} merges)"),
            BpeAlphabet = bpe?.Alphabet, BpeMerges = bpe?.Merges,
            Vocabulary = vocabulary, Options = options, TrainingSentences = sentences.Count, TruncatedSentences = truncated,
            Labels = labels, LabelShares = labels?.Select((_, k) => labelIds!.Count(x => x == k) / (double)labelIds!.Count).ToList(),
        };
        var model = new TextSynthesizer(state);
        var encoded = sentences.Select(vocabulary.Encode).ToList();
        var phases = new List<TrainingPhase> { new MaximumLikelihoodPhase(model.Network, encoded, options, options.Steps, labelIds: labelIds) };
        GanTrainer<TextGenerator, TextCritic>? trainer = null;
        TextGenerator? generator = null;
        if (options.Model is "relgan" or "seqgan")
        {
            bool seqgan = options.Model == "seqgan";
            int length = encoded.Max(e => e.Length) - 1;   // tokens and the end
            // SeqGAN's critic reads exact one-hots of the sampled tokens (straight-through values; no gradient reaches it).
            generator = new TextGenerator(model.Network, vocabulary.Count, length) { StraightThroughEstimator = seqgan || options.StraightThrough };
            var critic = new TextCritic(vocabulary.Count, options.CriticRepresentations, options.CriticEmbedding, options.CriticFilters);
            critic.to(TorchRuntime.ParseDevice(options.Device));
            var adam = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = options.AdversarialLearningRate, Beta1 = 0.9, Beta2 = 0.999 };
            trainer = new GanTrainer<TextGenerator, TextCritic>(generator, critic, seqgan ? new MinimaxLoss() : new RelativisticStandardLoss(),
                new SentenceBatchSource(encoded, length, vocabulary.Count),
                new GanTrainerOptions
                {
                    BatchSize = options.BatchSize, CriticSteps = options.CriticSteps, Seed = options.Seed, Device = options.Device,
                    GeneratorOptimizer = adam, CriticOptimizer = adam, GradientClipNorm = seqgan ? options.GradientClip : null,
                },
                seqgan ? [] : [new GumbelAnnealing(generator, options.BetaMax)],
                seqgan ? new PolicyGradient(options.Rollouts, options.PolicyBaseline) : null);
            generator.NoiseGenerator = trainer.Rng;
            if (seqgan) phases.Add(trainer.AsCriticPhase(options.CriticPretrainSteps));
            phases.Add(trainer.AsPhase(options.AdversarialSteps));
        }
        using var schedule = new PhaseSchedule(phases, options.Seed, options.Device);
        try
        {
            schedule.Train(cancellation, r =>
            {
                model.StepsTrained = r.Done;
                progress?.Invoke(r.Phase, r.Step, r.PhaseSteps);
                if (monitor is not null && monitorEvery > 0 && r.Done % monitorEvery == 0) monitor(model, r.Done);
            });
        }
        finally
        {
            model.History = schedule.History;
            if (generator is not null) generator.NoiseGenerator = null;
            trainer?.Dispose();
            model.Network.eval();
        }
        return model;
    }

    /// <summary>Sentences per chunk of a draw.</summary>
    public const int ChunkSentences = 500;

    /// <summary>
    /// Streams <paramref name="count"/> sampled sentences (as tokens), chunk by chunk, or only the chunks of
    /// <paramref name="shard"/>; the same seed and options give the same sentences.
    /// </summary>
    public IEnumerable<IReadOnlyList<string>> Sample(long count, TextSamplingOptions? sampling = null, long seed = 0, Shard? shard = null, string? label = null)
    {
        sampling ??= new TextSamplingOptions();
        sampling.Validate();
        int? labelId = null;
        if (label is not null)
        {
            if (State.Labels is null) throw new ArgumentException($"--condition label={label}: this model was trained without labels.");
            int k = LabelId(label);
            if (k < 0) throw new ArgumentException($"--condition label={label}: not a label of the training corpus (labels: {string.Join(", ", State.Labels)}).");
            labelId = k;
        }
        var plan = new DrawPlan(count, ChunkSentences, shard ?? Shard.Whole, seed);
        return Chunks(plan, sampling, labelId);
    }

    private IEnumerable<IReadOnlyList<string>> Chunks(DrawPlan plan, TextSamplingOptions sampling, int? label)
    {
        foreach (var (index, _, n) in plan.Chunks())
            foreach (var s in SampleChunk(n, sampling, plan.ChunkSeed(index), label, plan.ChunkSeed(index, stream: 1))) yield return s;
    }

    private Dictionary<string, int>? labelIds;

    /// <summary>The id of <paramref name="label"/> in a conditional model (−1 when the model does not know it).</summary>
    private int LabelId(string label)
    {
        labelIds ??= State.Labels!.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        return labelIds.TryGetValue(label, out int id) ? id : -1;
    }

    /// <summary>Label ids of a chunk: the requested one, or a draw from the training mixture (unconditional models: none).</summary>
    private long[]? ChunkLabels(int count, int? label, ulong seed)
    {
        if (State.Labels is null) return null;
        if (label is int k) return Enumerable.Repeat((long)k, count).ToArray();
        var rng = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var shares = State.LabelShares!;
        return Enumerable.Range(0, count).Select(_ =>
        {
            double u = rng.NextDouble(), sum = 0;
            for (int j = 0; j < shares.Count; j++) if ((sum += shares[j]) > u) return (long)j;
            return (long)(shares.Count - 1);
        }).ToArray();
    }

    private List<IReadOnlyList<string>> SampleChunk(int count, TextSamplingOptions sampling, ulong seed, int? label = null, ulong labelSeed = 0)
    {
        var device = TorchRuntime.ParseDevice(State.Options.Device);
        using var rng = new TorchSharp.torch.Generator(seed);
        using var guard = new CollectionGuard();   // no collection mid-op (docs/TORCHSHARP.md, native Scalars)
        guard.Enter();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        bool wasTraining = Network.training;
        Network.eval();
        var labels = ChunkLabels(count, label, labelSeed) is { } l ? tensor(l).to(device) : null;
        try { return Draw(count, sampling, rng, device, labels); }
        finally { if (wasTraining) Network.train(); }
    }

    private List<IReadOnlyList<string>> Draw(int count, TextSamplingOptions sampling, TorchSharp.torch.Generator rng, Device device, Tensor? labels)
    {
        var ids = new long[count, State.Options.MaxLength + 1];
        var token = full(count, Vocabulary.Begin, ScalarType.Int64).to(device);
        var ended = zeros(count, ScalarType.Bool).to(device);
        (Tensor, Tensor)? state = null;
        for (int t = 0; t <= State.Options.MaxLength; t++)
        {
            using var stepScope = NewDisposeScope();
            var (logits, next) = Network.Step(token, state, labels);
            logits = logits / sampling.Temperature;
            // Before the minimum length the end is excluded first, so top-k and nucleus choose among the other tokens.
            if (t < Math.Min(sampling.MinLength, State.Options.MaxLength)) logits[TensorIndex.Colon, Vocabulary.End] = tensor(float.NegativeInfinity);
            logits = Restrict(logits, sampling);
            if (t == State.Options.MaxLength) logits = ForceEnd(logits);
            var drawn = multinomial(logits.softmax(1).cpu(), 1, generator: rng).squeeze(1).to(device);
            drawn = where(ended, full_like(drawn, Vocabulary.Pad), drawn);
            var values = drawn.cpu().data<long>().ToArray();
            for (int i = 0; i < count; i++) ids[i, t] = values[i];
            ended = ended.logical_or(drawn.eq(Vocabulary.End));
            token = drawn.MoveToOuterDisposeScope();
            ended = ended.MoveToOuterDisposeScope();
            state = (next.H.MoveToOuterDisposeScope(), next.C.MoveToOuterDisposeScope());
            if (ended.all().item<bool>()) break;
        }
        var result = new List<IReadOnlyList<string>>(count);
        for (int i = 0; i < count; i++)
        {
            var tokens = State.Vocabulary.Decode(Enumerable.Range(0, ids.GetLength(1)).Select(t => (int)ids[i, t]));
            result.Add(Subwords is null ? tokens : BytePairEncoding.Join(tokens));
        }
        return result;
    }

    /// <summary>Top-k and nucleus restrictions of next-token logits (the excluded get −∞).</summary>
    private static Tensor Restrict(Tensor logits, TextSamplingOptions s)
    {
        // Padding and the beginning token are never drawn.
        var mask = zeros_like(logits, dtype: ScalarType.Bool);
        mask[TensorIndex.Colon, Vocabulary.Pad] = tensor(true);
        mask[TensorIndex.Colon, Vocabulary.Begin] = tensor(true);
        logits = logits.masked_fill(mask, double.NegativeInfinity);
        if (s.TopK > 0 && s.TopK < logits.shape[1])
        {
            var kth = logits.topk(s.TopK, 1).values.narrow(1, s.TopK - 1, 1);
            logits = logits.masked_fill(logits.lt(kth), double.NegativeInfinity);
        }
        if (s.TopP < 1)
        {
            var (sorted, order) = logits.sort(1, descending: true);
            var cumulative = sorted.softmax(1).cumsum(1);
            // Drop a token when the tokens before it already reach p (so the most likely one always stays).
            var drop = (cumulative - sorted.softmax(1)).ge(s.TopP);
            var dropInPlace = zeros_like(drop).scatter(1, order, drop);
            logits = logits.masked_fill(dropInPlace, double.NegativeInfinity);
        }
        return logits;
    }

    private static Tensor ForceEnd(Tensor logits)
    {
        var only = full_like(logits, double.NegativeInfinity);
        only[TensorIndex.Colon, Vocabulary.End] = tensor(0.0f);
        return only;
    }

    /// <summary>
    /// Teacher-forced negative log-likelihood (natural log) of <paramref name="corpus"/> under the model at temperature 1:
    /// per token (every token and the end of each sentence), and as the benchmarks average it, over every position of
    /// sentences padded to <paramref name="paddedLength"/> tokens (positions after the end count as certain).
    /// </summary>
    public (double PerToken, double PerPaddedPosition) NegativeLogLikelihood(TextCorpus corpus, int paddedLength)
    {
        var tokenizer = Tokenizer;
        var encoded = corpus.Lines.Select(l => State.Vocabulary.Encode(Units(tokenizer.Tokenize(l)).Take(State.Options.MaxLength).ToArray())).ToList();
        if (State.Labels is not null && corpus.Labels is null) throw new ArgumentException($"{corpus.Source}: this text model is conditional; its NLL needs labelled sentences.");
        var labelIds = State.Labels is null ? null : corpus.Labels!.Select(l => (long)LabelId(l)).ToArray();
        var device = TorchRuntime.ParseDevice(State.Options.Device);
        double total = 0;
        long tokens = 0;
        using var guard = new CollectionGuard();
        Network.eval();
        for (int start = 0; start < encoded.Count; start += 256)
        {
            guard.Enter();
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var part = encoded.Skip(start).Take(256).ToList();
            int width = part.Max(e => e.Length);
            var flat = new long[part.Count * width];
            for (int i = 0; i < part.Count; i++) for (int t = 0; t < part[i].Length; t++) flat[i * width + t] = part[i][t];
            var batch = tensor(flat, new long[] { part.Count, width }).to(device);
            var labels = labelIds is null ? null : tensor(labelIds.Skip(start).Take(part.Count).Select(l => Math.Max(l, 0)).ToArray()).to(device);
            var logits = Network.Logits(batch.narrow(1, 0, width - 1), labels);
            var target = batch.narrow(1, 1, width - 1);
            var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), target.reshape(-1), ignore_index: 0, reduction: nn.Reduction.Sum);
            total += loss.item<float>();
            tokens += part.Sum(e => e.Length - 1);
        }
        return (total / tokens, total / ((long)encoded.Count * Math.Max(paddedLength, 1)));
    }

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();
}
