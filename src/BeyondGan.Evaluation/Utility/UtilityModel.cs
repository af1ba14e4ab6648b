namespace BeyondGan.Evaluation.Utility;

/// <summary>The model family a utility test trains.</summary>
public enum UtilityModel
{
    /// <summary>ML.NET LightGbm: 100 trees, 31 leaves, learning rate 0.1, at least 20 rows per leaf, one thread.</summary>
    LightGbm,
    /// <summary>A linear model on standardised features: L-BFGS logistic regression (binary), maximum entropy (multi-class), SDCA (regression).</summary>
    Linear,
}
