namespace BeyondGan.Text.Model;

/// <summary>How sentences are drawn from a language model.</summary>
public sealed record TextSamplingOptions
{
    /// <summary>Softmax temperature: 1 samples the model as trained; lower is more conservative, higher more diverse.</summary>
    public double Temperature { get; init; } = 1;
    /// <summary>Sample only among the k most likely tokens (0 = all).</summary>
    public int TopK { get; init; }
    /// <summary>Nucleus sampling: the fewest most likely tokens whose probability reaches p (1 = all; Holtzman et al. 2020).</summary>
    public double TopP { get; init; } = 1;

    /// <summary>No sentence ends before this many tokens (the end token is excluded until then; 0 = no minimum). With the model's maximum length, a fixed length, as the synthetic-oracle benchmark's sequences have.</summary>
    public int MinLength { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason for a bad value.</summary>
    public void Validate()
    {
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) throw new ArgumentException($"--temperature must be positive, got {Temperature}.");
        if (TopK < 0) throw new ArgumentException($"--top-k must be 0 (off) or positive, got {TopK}.");
        if (MinLength < 0) throw new ArgumentException($"--min-length must be 0 or positive, got {MinLength}.");
        if (TopP is <= 0 or > 1) throw new ArgumentException($"--top-p must be in (0, 1], got {TopP}.");
    }
}
