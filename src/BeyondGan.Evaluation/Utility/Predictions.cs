namespace BeyondGan.Evaluation.Utility;

/// <summary>A model's predictions on a test table.</summary>
/// <param name="Classes">Classification: each row's true class index (into <see cref="PredictionTask.Classes"/>).</param>
/// <param name="PredictedClasses">Classification: each row's predicted class index.</param>
/// <param name="ClassScores">Classification: each row's score per class.</param>
/// <param name="Values">Regression: each row's true value.</param>
/// <param name="PredictedValues">Regression: each row's predicted value.</param>
public sealed record Predictions(int[] Classes, int[] PredictedClasses, float[][] ClassScores, double[] Values, double[] PredictedValues)
{
    /// <summary>F1 of class <paramref name="c"/>: 2·TP / (2·TP + FP + FN).</summary>
    public double F1(int c) => ClassF1(Classes, PredictedClasses, c);

    /// <summary>F1 of class <paramref name="c"/> from true and predicted class indices.</summary>
    public static double ClassF1(int[] truth, int[] predicted, int c)
    {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            if (predicted[i] == c && truth[i] == c) tp++;
            else if (predicted[i] == c) fp++;
            else if (truth[i] == c) fn++;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
