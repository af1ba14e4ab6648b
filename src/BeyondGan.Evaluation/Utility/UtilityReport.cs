using BeyondGan.Tabular.Data;

namespace BeyondGan.Evaluation.Utility;

/// <summary>TSTR and TRTR scores of one model family.</summary>
/// <param name="Model">The model family.</param>
/// <param name="Tstr">Trained on synthetic, tested on the real holdout.</param>
/// <param name="Trtr">Trained on real, tested on the real holdout.</param>
public sealed record UtilityScores(UtilityModel Model, PredictionScores Tstr, PredictionScores Trtr);

/// <summary>The utility test: for each model family, train on synthetic vs train on real, both tested on the real holdout.</summary>
/// <param name="Task">What is predicted.</param>
/// <param name="Models">Scores per model family (LightGbm first).</param>
/// <param name="TrainRows">Rows each model was trained on (synthetic, real).</param>
/// <param name="TestRows">Holdout rows scored.</param>
public sealed record UtilityReport(PredictionTask Task, IReadOnlyList<UtilityScores> Models, (int Synthetic, int Real) TrainRows, int TestRows)
{
    /// <summary>Runs the utility test with every model family.</summary>
    public static UtilityReport Compute(RawTable real, RawTable synthetic, RawTable holdout, TableSchema schema, PredictionTask task, int maxRows = 50_000, int seed = 0)
    {
        var syn = RowSample.AtMost(synthetic, maxRows, seed);
        var train = RowSample.AtMost(real, maxRows, seed + 1);
        var test = RowSample.AtMost(holdout, maxRows, seed + 2);
        var models = new[] { UtilityModel.LightGbm, UtilityModel.Linear };
        var jobs = models.SelectMany(m => new[] { (m, syn), (m, train) }).ToArray();
        var scores = new PredictionScores[jobs.Length];
        Parallel.For(0, jobs.Length, i => scores[i] = MachineLearningEfficacy.Score(jobs[i].Item2, test, schema, task, jobs[i].m, seed));
        return new UtilityReport(task, models.Select((m, i) => new UtilityScores(m, scores[2 * i], scores[2 * i + 1])).ToList(),
            (syn.RowCount, train.RowCount), test.RowCount);
    }
}
