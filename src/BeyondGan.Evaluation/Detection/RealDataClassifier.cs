using BeyondGan.Evaluation.Utility;
using Microsoft.ML;

namespace BeyondGan.Evaluation.Detection;

/// <summary>The LightGbm classifier that tells real rows (<c>IsPositive</c>) from the others, shared by detection and realism scoring.</summary>
internal static class RealDataClassifier
{
    /// <summary>
    /// Fits it on <paramref name="train"/>; null when no feature separates the labels at all (a table compared with
    /// itself): ML.NET 5 cannot wrap a LightGbm tree that is a single leaf (ImmutableArray.Create on null).
    /// </summary>
    public static ITransformer? Fit(MLContext ml, IDataView train, int seed)
    {
        try
        {
            return FeatureRows.Featurizer(ml, linear: false)
                .Append(ml.BinaryClassification.Trainers.LightGbm(LightGbmSettings.Binary(nameof(FeatureRows.Row.IsPositive), seed)))
                .Fit(train);
        }
        catch (ArgumentNullException e) when (e.ParamName == "items")
        {
            return null;
        }
    }
}
