using BeyondGan.Augmentation.Oversampling;
using BeyondGan.Evaluation.Detection;
using BeyondGan.Evaluation.Utility;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Augmentation.Filtering;

/// <summary>
/// Keeps the generated rows that look most real: scores every candidate, keeps the best <c>count</c> (ties by
/// position, so the result is deterministic). Scores come from a real-vs-synthetic classifier
/// (<see cref="RealismScorer"/>, cross-fitted), from the GAN's own critic, or from a class-vs-rest classifier trained
/// on the real rows (label consistency).
/// </summary>
public static class RealismFilter
{
    /// <summary>The <paramref name="count"/> best candidates, in their original order.</summary>
    public static RawTable Keep(RawTable candidates, double[] scores, int count)
    {
        var keep = Enumerable.Range(0, candidates.RowCount).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(count).Order().ToArray();
        return candidates.SelectRows(keep);
    }

    /// <summary>Score of "is <paramref name="label"/>" for each candidate, from LightGbm trained on the real rows (class vs rest).</summary>
    public static double[] LabelScores(RawTable data, TableSchema schema, string target, string label, RawTable candidates, long seed)
    {
        const string Rest = "\u0001rest";
        RawTable OneVsRest(RawTable t) => new(t.Source, t.Columns,
            t.Columns.Select((c, i) => c == target ? t.Cells[i].Select(v => (v ?? ClassRows.MissingLabel) == label ? label : Rest).ToArray() : t.Cells[i]).ToList());
        var real = OneVsRest(data);
        var task = PredictionTask.For(real, schema, target, label);
        var p = MachineLearningEfficacy.Predict(real, OneVsRest(candidates), schema, task, UtilityModel.LightGbm, (int)seed)
            ?? throw new ArgumentException($"--filter label: cannot train a classifier for '{label}' on {data.Source}.");
        int positive = MachineLearningEfficacy.ClassIndex(task, label);
        return p.ClassScores.Select(s => (double)s[positive]).ToArray();
    }

    /// <summary>Scores of <paramref name="candidates"/> of class <paramref name="label"/> against the real rows of that class.</summary>
    public static double[] Score(SyntheticFilter filter, RawTable data, TableSchema schema, string target, string label, RawTable candidates,
        GanOversampler? gan, long seed)
    {
        var real = data.SelectRows(ClassRows.For(data, target, label));
        return filter switch
        {
            SyntheticFilter.Classifier => RealismScorer.Score(real, candidates, new TableSchema(schema.Columns.Where(c => c.Name != target).ToList()), folds: 3, seed: (int)seed),
            SyntheticFilter.Label => LabelScores(data, schema, target, label, candidates, seed),
            SyntheticFilter.Critic => (gan ?? throw new ArgumentException("--filter critic needs --method gan."))
                .Model.CriticScores(candidates, real, target, label == ClassRows.MissingLabel ? null! : label, seed),
            _ => throw new ArgumentOutOfRangeException(nameof(filter)),
        };
    }
}
