namespace BeyondGan.Evaluation.Utility;

/// <summary>Scores of a binary classifier on a real test set.</summary>
/// <param name="F1">F1 of the positive class.</param>
/// <param name="Accuracy">Accuracy.</param>
/// <param name="RocAuc">Area under the ROC curve.</param>
/// <param name="PrAuc">Area under the precision–recall curve.</param>
public sealed record BinaryClassificationScores(double F1, double Accuracy, double RocAuc, double PrAuc);
