namespace BeyondGan.Evaluation;

/// <summary>What to evaluate and the ceilings that keep evaluation of large tables fast.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Column to predict in the utility test (TSTR/TRTR); null skips the utility test.</summary>
    public string? Target { get; init; }
    /// <summary>The positive class of a binary target; default the rarer class of the real table.</summary>
    public string? Positive { get; init; }
    /// <summary>Ceiling on the rows of each table used by the model-based metrics: utility training and test sets, detection (per table) and the training rows searched for privacy. Fidelity and validity always use every row. Default 50,000.</summary>
    public int MaxRows { get; init; } = 50_000;
    /// <summary>Synthetic (and holdout) rows whose distance to the closest training row is measured. Default 5,000.</summary>
    public int PrivacyRows { get; init; } = 5_000;
    /// <summary>Folds of the detection test. Default 5.</summary>
    public int DetectionFolds { get; init; } = 5;
    /// <summary>Seed of every subsample, fold and classifier.</summary>
    public int Seed { get; init; }
    /// <summary>Run the detection test. Default true.</summary>
    public bool Detection { get; init; } = true;
    /// <summary>Run the privacy distances. Default true.</summary>
    public bool Privacy { get; init; } = true;

    /// <summary>Checks the options.</summary>
    public void Validate()
    {
        if (MaxRows < 10) throw new ArgumentException($"--max-rows must be at least 10 (got {MaxRows}).");
        if (PrivacyRows < 1) throw new ArgumentException($"--privacy-rows must be at least 1 (got {PrivacyRows}).");
        if (DetectionFolds < 2) throw new ArgumentException($"--folds must be at least 2 (got {DetectionFolds}).");
    }
}
