namespace BeyondGan.Text.Model;

/// <summary>Hyper-parameters of a text model and how its corpus is read.</summary>
public sealed record TextModelOptions
{
    /// <summary>The model: "mle" (a language model by maximum likelihood), "seqgan" (MLE pre-training, then SeqGAN's policy gradient) or "relgan" (MLE pre-training, then RelGAN's game).</summary>
    public string Model { get; init; } = "mle";
    /// <summary>Maximum-likelihood training steps (batches); for RelGAN, its pre-training.</summary>
    public long Steps { get; init; } = 3_000;
    /// <summary>SeqGAN, RelGAN: adversarial steps after the pre-training (each <see cref="CriticSteps"/> critic updates and one generator update).</summary>
    public long AdversarialSteps { get; init; } = 1_000;
    /// <summary>SeqGAN: Monte-Carlo completions of each prefix when a generated sentence is rewarded (SeqGAN: 16).</summary>
    public int Rollouts { get; init; } = 4;
    /// <summary>SeqGAN: critic (discriminator) updates on the pre-trained generator's samples before the game.</summary>
    public long CriticPretrainSteps { get; init; } = 200;
    /// <summary>SeqGAN, RelGAN: critic updates per generator update in the game (RelGAN: 1; SeqGAN trains its discriminator more).</summary>
    public int CriticSteps { get; init; } = 1;
    /// <summary>SeqGAN: subtract the batch's mean reward at each position (a variance-reducing baseline; SeqGAN has none).</summary>
    public bool PolicyBaseline { get; init; }
    /// <summary>RelGAN: the largest inverse temperature β_max of the relaxed one-hots (annealed from 1).</summary>
    public double BetaMax { get; init; } = 100;
    /// <summary>RelGAN: the critic sees exact one-hots with straight-through gradients instead of Gumbel-softmax's relaxed ones.</summary>
    public bool StraightThrough { get; init; }
    /// <summary>SeqGAN, RelGAN: embedding representations of the critic (RelGAN: 64; fewer on a CPU).</summary>
    public int CriticRepresentations { get; init; } = 2;
    /// <summary>SeqGAN, RelGAN: size of each critic embedding.</summary>
    public int CriticEmbedding { get; init; } = 32;
    /// <summary>SeqGAN, RelGAN: filters per convolution width (2–5) of the critic (RelGAN: 300).</summary>
    public int CriticFilters { get; init; } = 64;
    /// <summary>SeqGAN, RelGAN: Adam learning rate of both networks in the game (RelGAN: 1e-4).</summary>
    public double AdversarialLearningRate { get; init; } = 1e-4;
    /// <summary>Steps of the whole run.</summary>
    public long TotalSteps => Model switch { "relgan" => Steps + AdversarialSteps, "seqgan" => Steps + CriticPretrainSteps + AdversarialSteps, _ => Steps };
    /// <summary>The language model's network: "lstm" (an LSTM stack) or "rmc" (RelGAN's relational memory).</summary>
    public string Generator { get; init; } = "lstm";
    /// <summary>rmc: memory slots (RelGAN: 1).</summary>
    public int MemorySlots { get; init; } = 1;
    /// <summary>rmc: attention heads (RelGAN: 2).</summary>
    public int Heads { get; init; } = 2;
    /// <summary>rmc: size of each head (RelGAN: 256); a slot holds Heads × HeadSize values.</summary>
    public int HeadSize { get; init; } = 128;
    /// <summary>Sentences per batch.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Size of the token embeddings.</summary>
    public int Embedding { get; init; } = 128;
    /// <summary>LSTM units per layer.</summary>
    public int Hidden { get; init; } = 256;
    /// <summary>LSTM layers.</summary>
    public int Layers { get; init; } = 1;
    /// <summary>Dropout on the embeddings, between layers and before the output (0 = none).</summary>
    public double Dropout { get; init; } = 0.3;
    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 2e-3;
    /// <summary>Gradients are clipped to this global norm (0 = no clipping).</summary>
    public double GradientClip { get; init; } = 5;
    /// <summary>Byte-pair merges of a sub-word vocabulary learnt from the corpus (0: whole words, the benchmarks' tokens).</summary>
    public int Subwords { get; init; }
    /// <summary>Tokens seen fewer times become &lt;unk&gt;.</summary>
    public int MinimumCount { get; init; } = 1;
    /// <summary>Longest sentence in tokens; longer ones are truncated, or refused with <see cref="RefuseLong"/>.</summary>
    public int MaxLength { get; init; } = 48;
    /// <summary>Refuse (instead of truncating) a sentence longer than <see cref="MaxLength"/>.</summary>
    public bool RefuseLong { get; init; }
    /// <summary>Lower-case text before tokenizing (the benchmarks do).</summary>
    public bool LowerCase { get; init; } = true;
    /// <summary>Seed of everything random.</summary>
    public long Seed { get; init; }
    /// <summary>Device: cpu, cuda, cuda:N.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason for a bad value.</summary>
    public void Validate()
    {
        if (Model is not ("mle" or "seqgan" or "relgan")) throw new ArgumentException($"--model {Model}: unknown model (mle, seqgan, relgan).");
        if (Generator is not ("lstm" or "rmc")) throw new ArgumentException($"--generator {Generator}: unknown network (lstm, rmc).");
        if (MemorySlots < 1 || Heads < 1 || HeadSize < 1) throw new ArgumentException("--memory-slots, --heads and --head-size must be positive.");
        if (Rollouts < 1) throw new ArgumentException($"--rollouts must be at least 1, got {Rollouts}.");
        if (CriticPretrainSteps < 0) throw new ArgumentException($"--critic-pretrain-steps must be 0 or positive, got {CriticPretrainSteps}.");
        if (CriticSteps < 1) throw new ArgumentException($"--critic-steps must be at least 1, got {CriticSteps}.");
        if (AdversarialSteps < 0) throw new ArgumentException($"--adversarial-steps must be 0 or positive, got {AdversarialSteps}.");
        if (BetaMax < 1) throw new ArgumentException($"--beta-max must be at least 1, got {BetaMax}.");
        if (CriticRepresentations < 1 || CriticEmbedding < 1 || CriticFilters < 1) throw new ArgumentException("Critic sizes must be positive.");
        if (Steps < 0) throw new ArgumentException($"--steps must be 0 or positive, got {Steps}.");
        if (BatchSize < 1) throw new ArgumentException($"--batch-size must be at least 1, got {BatchSize}.");
        if (Embedding < 1 || Hidden < 1 || Layers < 1) throw new ArgumentException("Network sizes must be positive.");
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"--dropout must be in [0, 1), got {Dropout}.");
        if (LearningRate <= 0) throw new ArgumentException($"--lr must be positive, got {LearningRate}.");
        if (MaxLength < 1) throw new ArgumentException($"--max-length must be at least 1, got {MaxLength}.");
        if (Subwords < 0) throw new ArgumentException($"--subwords must be 0 or positive, got {Subwords}.");
        if (MinimumCount < 1) throw new ArgumentException($"--min-count must be at least 1, got {MinimumCount}.");
    }
}
