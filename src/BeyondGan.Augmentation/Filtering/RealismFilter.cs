using BeyondGan.Augmentation.Oversampling;
using BeyondGan.Evaluation.Detection;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Augmentation.Filtering;

/// <summary>
/// Keeps the generated rows that look most real: scores every candidate, keeps the best <c>count</c> (ties by
/// position, so the result is deterministic). Scores come from a real-vs-synthetic classifier
/// (<see cref="RealismScorer"/>, cross-fitted) or from the GAN's own critic.
/// </summary>
public static class RealismFilter
{
    /// <summary>The <paramref name="count"/> best candidates, in their original order.</summary>
    public static RawTable Keep(RawTable candidates, double[] scores, int count)
    {
        var keep = Enumerable.Range(0, candidates.RowCount).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(count).Order().ToArray();
        return candidates.SelectRows(keep);
    }

    /// <summary>Scores of <paramref name="candidates"/> of class <paramref name="label"/> against the real rows of that class.</summary>
    public static double[] Score(SyntheticFilter filter, RawTable data, TableSchema schema, string target, string label, RawTable candidates,
        GanOversampler? gan, long seed)
    {
        var real = data.SelectRows(ClassRows.For(data, target, label));
        return filter switch
        {
            SyntheticFilter.Classifier => RealismScorer.Score(real, candidates, new TableSchema(schema.Columns.Where(c => c.Name != target).ToList()), folds: 3, seed: (int)seed),
            SyntheticFilter.Critic => (gan ?? throw new ArgumentException("--filter critic needs --method gan."))
                .Model.CriticScores(candidates, real, target, label == ClassRows.MissingLabel ? null! : label, seed),
            _ => throw new ArgumentOutOfRangeException(nameof(filter)),
        };
    }
}
