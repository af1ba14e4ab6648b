using BeyondGan.Tabular.Data;

namespace BeyondGan.Evaluation.Utility;

/// <summary>What kind of prediction a target column asks for.</summary>
public enum PredictionKind
{
    /// <summary>A discrete target with two classes.</summary>
    BinaryClassification,
    /// <summary>A discrete target with more than two classes.</summary>
    MulticlassClassification,
    /// <summary>A numeric target.</summary>
    Regression,
}

/// <summary>
/// The prediction task of a utility test: the target column, its kind, its classes (from the real training table,
/// in ordinal order) and, for a binary target, the positive class whose F1 is reported.
/// </summary>
public sealed record PredictionTask(ColumnSchema Target, PredictionKind Kind, IReadOnlyList<string> Classes, string? Positive)
{
    /// <summary>
    /// The task for <paramref name="target"/> in <paramref name="real"/>: numeric → regression; discrete → binary or
    /// multi-class by the number of classes. The positive class is <paramref name="positive"/> or else the rarer class.
    /// </summary>
    public static PredictionTask For(RawTable real, TableSchema schema, string target, string? positive = null)
    {
        var column = schema.Find(target)
            ?? throw new ArgumentException($"--target {target}: there is no column '{target}' (columns: {string.Join(", ", schema.Columns.Select(c => c.Name))}).");
        if (column.IsNumeric) return new PredictionTask(column, PredictionKind.Regression, [], null);
        if (!column.IsDiscrete)
            throw new ArgumentException($"--target {target}: the column is {column.Kind.ToString().ToLowerInvariant()}, so it cannot be predicted; give a categorical, boolean or numeric column.");
        var counts = real.Column(target).GroupBy(v => v ?? MissingLabel).ToDictionary(g => g.Key, g => g.Count());
        if (counts.Count < 2) throw new ArgumentException($"--target {target}: the real table has only one class ('{counts.Keys.FirstOrDefault()}'), so there is nothing to predict.");
        var classes = counts.Keys.Order(StringComparer.Ordinal).ToList();
        if (counts.Count > 2)
        {
            if (positive is not null) throw new ArgumentException($"--positive {positive}: the target '{target}' has {counts.Count} classes; --positive only applies to a binary target.");
            return new PredictionTask(column, PredictionKind.MulticlassClassification, classes, null);
        }
        if (positive is not null && !counts.ContainsKey(positive))
            throw new ArgumentException($"--positive {positive}: the target '{target}' has no such class (classes: {string.Join(", ", classes)}).");
        positive ??= classes.OrderBy(c => counts[c]).ThenBy(c => c, StringComparer.Ordinal).First();
        return new PredictionTask(column, PredictionKind.BinaryClassification, classes, positive);
    }

    /// <summary>The class label of a missing target value.</summary>
    public const string MissingLabel = MissingValues.Label;

    /// <summary>True for a classification task.</summary>
    public bool IsClassification => Kind != PredictionKind.Regression;
}
