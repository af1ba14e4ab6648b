using Microsoft.ML.Trainers.LightGbm;

namespace BeyondGan.Evaluation.Utility;

/// <summary>
/// The one set of LightGbm hyper-parameters every metric uses (utility, detection, realism scoring): 100 trees,
/// 31 leaves, learning rate 0.1, at least 20 rows per leaf, one thread, seeded — fixed so scores compare across runs.
/// </summary>
public static class LightGbmSettings
{
    /// <summary>Binary classification options for <paramref name="label"/>.</summary>
    public static LightGbmBinaryTrainer.Options Binary(string label, int seed) => new()
    {
        LabelColumnName = label, NumberOfLeaves = 31, NumberOfIterations = 100, LearningRate = 0.1,
        MinimumExampleCountPerLeaf = 20, NumberOfThreads = 1, Seed = seed, Silent = true,
    };

    /// <summary>Multi-class options for <paramref name="label"/>.</summary>
    public static LightGbmMulticlassTrainer.Options Multiclass(string label, int seed) => new()
    {
        LabelColumnName = label, NumberOfLeaves = 31, NumberOfIterations = 100, LearningRate = 0.1,
        MinimumExampleCountPerLeaf = 20, NumberOfThreads = 1, Seed = seed, Silent = true,
    };

    /// <summary>Regression options for <paramref name="label"/>.</summary>
    public static LightGbmRegressionTrainer.Options Regression(string label, int seed) => new()
    {
        LabelColumnName = label, NumberOfLeaves = 31, NumberOfIterations = 100, LearningRate = 0.1,
        MinimumExampleCountPerLeaf = 20, NumberOfThreads = 1, Seed = seed, Silent = true,
    };
}
