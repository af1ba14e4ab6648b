using System.Text.Json;
using System.Text.Json.Serialization;
using BeyondGan.Evaluation.Fidelity;
using BeyondGan.TimeSeries.Data;
using BeyondGan.TimeSeries.Evaluation;
using BeyondGan.TimeSeries.Model;
using BeyondGan.TimeSeries.Transform;

namespace BeyondGan.Evaluation.Sequences;

/// <summary>A score repeated with different seeds: its mean, sample standard deviation and each value.</summary>
/// <param name="Mean">Mean over the repeats.</param>
/// <param name="Sd">Sample standard deviation (0 for one repeat).</param>
/// <param name="Values">Each repeat's value.</param>
public sealed record RepeatedScore(
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("sd")] double Sd,
    [property: JsonPropertyName("values")] IReadOnlyList<double> Values)
{
    /// <summary>The summary of <paramref name="values"/>.</summary>
    public static RepeatedScore Of(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double sd = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new RepeatedScore(mean, sd, values);
    }

    /// <summary>"mean ± sd" with <paramref name="digits"/> decimals.</summary>
    public string Format(int digits = 3) => Values.Count < 2 ? Mean.ToString($"F{digits}") : $"{Mean.ToString($"F{digits}")} ± {Sd.ToString($"F{digits}")}";
}

/// <summary>One feature's marginal and autocorrelation distances.</summary>
/// <param name="Name">The score input's name (a number feature, or "feature=level" for a category's one-hot).</param>
/// <param name="Ks">Kolmogorov–Smirnov statistic of its values over all steps (0 = same marginal).</param>
/// <param name="Autocorrelation">Mean |ACF_real − ACF_synthetic| over lags 1…10.</param>
public sealed record FeatureScore(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ks")] double Ks,
    [property: JsonPropertyName("autocorrelation")] double Autocorrelation);

/// <summary>What <c>timeseries evaluate</c> measures (<see cref="SequenceEvaluation.Compute"/>); written as JSON by <see cref="ToJson"/>.</summary>
public sealed record SequenceEvaluationResult
{
    /// <summary>Real sequences (windows for a single series).</summary>
    [JsonPropertyName("real_sequences")] public int RealSequences { get; init; }
    /// <summary>Synthetic sequences.</summary>
    [JsonPropertyName("synthetic_sequences")] public int SyntheticSequences { get; init; }
    /// <summary>Steps compared (the real data's longest sequence, or the window).</summary>
    [JsonPropertyName("length")] public int Length { get; init; }
    /// <summary>Floats per step the scores read.</summary>
    [JsonPropertyName("features")] public int Features { get; init; }
    /// <summary>Repeats of the trained scores (K).</summary>
    [JsonPropertyName("repeats")] public int Repeats { get; init; }
    /// <summary>Discriminative score: |accuracy − 0.5| of a post-hoc GRU classifier (0 best).</summary>
    [JsonPropertyName("discriminative")] public required RepeatedScore Discriminative { get; init; }
    /// <summary>Predictive score: MAE on real data of a GRU trained on synthetic data (lower is better).</summary>
    [JsonPropertyName("predictive")] public RepeatedScore? Predictive { get; init; }
    /// <summary>Predictive score of the real data itself (trained and tested on the real sequences, first seed only): the floor.</summary>
    [JsonPropertyName("predictive_real")] public RepeatedScore? PredictiveReal { get; init; }
    /// <summary>Context-FID (lower is better).</summary>
    [JsonPropertyName("context_fid")] public RepeatedScore? ContextFid { get; init; }
    /// <summary>Correlational score: Σ |difference| of the features' cross-correlations (0 best).</summary>
    [JsonPropertyName("correlational")] public double Correlational { get; init; }
    /// <summary>Mean |ACF difference| over features and lags 1…10.</summary>
    [JsonPropertyName("autocorrelation")] public double Autocorrelation { get; init; }
    /// <summary>Mean per-feature KS statistic.</summary>
    [JsonPropertyName("marginal_ks")] public double MarginalKs { get; init; }
    /// <summary>Per-feature distances.</summary>
    [JsonPropertyName("per_feature")] public required IReadOnlyList<FeatureScore> PerFeature { get; init; }
    /// <summary>KS statistic of the sequence lengths (panel data; null for fixed lengths).</summary>
    [JsonPropertyName("length_ks")] public double? LengthKs { get; init; }
    /// <summary>Fidelity of the static attributes (SDMetrics quality of the entity tables; null without attributes).</summary>
    [JsonPropertyName("attribute_quality")] public double? AttributeQuality { get; init; }
    /// <summary>Seconds the evaluation took.</summary>
    [JsonPropertyName("seconds")] public double Seconds { get; set; }

    /// <summary>The result as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });
}

/// <summary>Options of <see cref="SequenceEvaluation.Compute"/>.</summary>
public sealed record SequenceEvaluationOptions
{
    /// <summary>Repeats of the discriminative, predictive and Context-FID scores (each with its own seed).</summary>
    public int Repeats { get; init; } = 5;
    /// <summary>Seed of the first repeat.</summary>
    public long Seed { get; init; }
    /// <summary>Compute Context-FID (it trains an encoder per repeat).</summary>
    public bool ContextFid { get; init; } = true;
    /// <summary>Iterations of the discriminative classifier (the protocol's 2,000).</summary>
    public int DiscriminatorIterations { get; init; } = PostHocScores.DiscriminatorIterations;
    /// <summary>Iterations of the predictive regressor (the protocol's 5,000).</summary>
    public int PredictorIterations { get; init; } = PostHocScores.PredictorIterations;
}

/// <summary>
/// The time-series evaluation (REFERENCES §3): real and synthetic sequences as the protocol reads them (numbers and
/// one-hots, min-max scaled by the real data; <see cref="SequenceWindows"/>), then the discriminative and predictive
/// scores and Context-FID repeated K times, the correlational score, autocorrelation and marginal distances, and for
/// panel data the length distribution and the static attributes' fidelity (the tabular Quality Report).
/// </summary>
public static class SequenceEvaluation
{
    /// <summary>
    /// Reads <paramref name="synthetic"/> with <paramref name="real"/>'s columns and roles (<see cref="SequenceOptions.Like"/>);
    /// for a single series, a draw of several (its <see cref="SequenceSynthesizer.SeriesColumn"/> column) as one sequence per series.
    /// </summary>
    public static SequenceTable ReadSynthetic(SequenceTable real, BeyondGan.Tabular.Data.RawTable synthetic, SequenceOptions options)
    {
        options = options with { Like = real.Schema, Static = null };
        if (!real.Schema.IsPanel && synthetic.IndexOf(SequenceSynthesizer.SeriesColumn) >= 0 && real.Table.IndexOf(SequenceSynthesizer.SeriesColumn) < 0)
            options = options with { Entity = [SequenceSynthesizer.SeriesColumn] };
        return SequenceReader.Read(synthetic, options);
    }

    /// <summary>Windows of <paramref name="real"/> and <paramref name="synthetic"/> as the scores see them (scaled by the real data).</summary>
    public static (WindowSet Real, WindowSet Synthetic, IReadOnlyList<string> Names) Windows(SequenceTable real, SequenceTable synthetic)
    {
        var encoder = SequenceEncoder.Fit(real, real.TrainingSequences());
        var r = SequenceWindows.Of(real, encoder, int.MaxValue);
        var s = SequenceWindows.Of(synthetic, encoder, r.Length, exact: true);
        var scaled = WindowSet.MinMaxByFirst(r, s);
        var names = encoder.Features.SelectMany(f => f is CategoryStepEncoder c ? c.Levels.Select(l => $"{f.Column.Name}={l ?? "(missing)"}") : [f.Column.Name]).ToList();
        return (scaled[0], scaled[1], names);
    }

    /// <summary>Scores <paramref name="synthetic"/> against <paramref name="real"/>; <paramref name="progress"/> hears each stage.</summary>
    public static SequenceEvaluationResult Compute(SequenceTable real, SequenceTable synthetic, SequenceEvaluationOptions? options = null, Action<string>? progress = null)
    {
        options ??= new SequenceEvaluationOptions();
        if (options.Repeats < 1) throw new ArgumentException($"--repeats must be at least 1, got {options.Repeats}.");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (r, s, names) = Windows(real, synthetic);
        var disc = new double[options.Repeats];
        var pred = new double[options.Repeats];
        var fid = new List<double>();
        bool predictive = r.Features >= 2;
        // The post-hoc GRUs are managed code with their own seeded randomness: every repeat's two scores and the floor
        // are separate tasks run side by side, one per core, and give the same values as one after another.
        progress?.Invoke($"discriminative and predictive scores, {options.Repeats} repeat(s), and the real data's floor");
        var floor = new double[predictive ? 1 : 0];
        int tasks = options.Repeats * (predictive ? 2 : 1) + floor.Length;
        Parallel.For(0, tasks, task =>
        {
            if (task < options.Repeats) disc[task] = PostHocScores.Discriminative(r, s, options.Seed + task, options.DiscriminatorIterations);
            else if (task < 2 * options.Repeats) pred[task - options.Repeats] = PostHocScores.Predictive(s, r, options.Seed + task - options.Repeats, options.PredictorIterations);
            else floor[0] = PostHocScores.Predictive(r, r, options.Seed, options.PredictorIterations);
        });
        for (int k = 0; k < options.Repeats && options.ContextFid; k++)
        {
            progress?.Invoke($"Context-FID {k + 1}/{options.Repeats}");
            fid.Add(ContextFid.Compute(r, s, options.Seed + k));
        }
        var (acfR, acfS) = StatisticScores.Autocorrelations(r, s, Math.Min(10, r.Length - 1));
        var ks = StatisticScores.Marginals(r, s);
        var perFeature = names.Select((n, f) =>
        {
            double sum = 0;
            int lags = acfR.GetLength(1);
            for (int l = 0; l < lags; l++) sum += Math.Abs(acfR[f, l] - acfS[f, l]);
            return new FeatureScore(n, ks[f], lags == 0 ? 0 : sum / lags);
        }).ToList();

        double? lengthKs = null, attributes = null;
        if (real.Schema.IsPanel)
        {
            var rl = real.Sequences.Select(q => (double)q.Length).ToArray();
            var sl = synthetic.Sequences.Select(q => (double)q.Length).ToArray();
            if (rl.Distinct().Count() > 1 || sl.Distinct().Count() > 1) lengthKs = StatisticScores.KolmogorovSmirnov(rl, sl);
            if (real.Schema.Static.Count > 0)
            {
                var schema = new BeyondGan.Tabular.Data.TableSchema(real.Schema.Static.Select(c => c.Schema).ToList());
                attributes = QualityReport.Compute(real.Attributes(), synthetic.Attributes(), schema, pairs: real.Schema.Static.Count > 1).Quality;
            }
        }
        return new SequenceEvaluationResult
        {
            RealSequences = r.Count, SyntheticSequences = s.Count, Length = r.Length, Features = r.Features, Repeats = options.Repeats,
            Discriminative = RepeatedScore.Of(disc),
            Predictive = predictive ? RepeatedScore.Of(pred) : null,
            PredictiveReal = predictive ? RepeatedScore.Of(floor) : null,
            ContextFid = options.ContextFid ? RepeatedScore.Of(fid) : null,
            Correlational = StatisticScores.Correlational(r, s),
            Autocorrelation = perFeature.Average(f => f.Autocorrelation),
            MarginalKs = ks.Average(),
            PerFeature = perFeature,
            LengthKs = lengthKs,
            AttributeQuality = attributes,
            Seconds = watch.Elapsed.TotalSeconds,
        };
    }
}
