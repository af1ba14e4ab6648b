using System.Text.Json.Serialization;
using BeyondGan.Audio.Data;
using BeyondGan.Audio.Features;
using BeyondGan.Audio.Metrics;
using BeyondGan.Statistics;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Evaluation;

/// <summary>The scores of one set of clips, judged by the evaluation's classifier against the real training clips.</summary>
public sealed record ClipSetScores
{
    /// <summary>Clips scored.</summary>
    [JsonPropertyName("clips")] public required int Clips { get; init; }
    /// <summary>Inception score (higher: confident and varied labels; at most the number of labels).</summary>
    [JsonPropertyName("inception_score")] public required double InceptionScore { get; init; }
    /// <summary>Modified Inception score (higher: also varied within a label).</summary>
    [JsonPropertyName("modified_inception_score")] public required double ModifiedInceptionScore { get; init; }
    /// <summary>AM score (lower is better).</summary>
    [JsonPropertyName("am_score")] public required double AmScore { get; init; }
    /// <summary>Fréchet distance of the classifier's penultimate features to the training clips' (lower is better). Not FAD: no VGGish.</summary>
    [JsonPropertyName("frechet_distance")] public required double FrechetDistance { get; init; }
    /// <summary>Kernel Inception distance on the same features, scaled so the training features' mean square is 1 (mean over subsets).</summary>
    [JsonPropertyName("kid")] public required double Kid { get; init; }
    /// <summary>KID's standard deviation over subsets.</summary>
    [JsonPropertyName("kid_std")] public required double KidStd { get; init; }
    /// <summary>NDB/K with K = 50 bins of the training features (lower is better).</summary>
    [JsonPropertyName("ndb_k")] public required double NdbK { get; init; }
    /// <summary>Share of clips the classifier gives their own label (conditional samples, or the real test clips), or null when unlabelled.</summary>
    [JsonPropertyName("label_accuracy")] public double? LabelAccuracy { get; init; }
    /// <summary>Median log-mel distance from a clip to its nearest training clip (memorisation: near 0 = copies).</summary>
    [JsonPropertyName("median_distance_to_train")] public required double MedianDistanceToTrain { get; init; }
    /// <summary>Median log-mel distance from a clip to its nearest other clip of the set, on the first N clips (N the smaller set's size; diversity).</summary>
    [JsonPropertyName("median_distance_within")] public required double MedianDistanceWithin { get; init; }
}

/// <summary>The audio evaluation: the classifier, the generated clips' scores, the real test clips' scores (the ceiling and floor), warnings.</summary>
public sealed record AudioEvaluationResult
{
    /// <summary>The labels the classifier knows.</summary>
    [JsonPropertyName("labels")] public required IReadOnlyList<string> Labels { get; init; }
    /// <summary>Sample rate the clips were compared at.</summary>
    [JsonPropertyName("sample_rate")] public required int SampleRate { get; init; }
    /// <summary>Samples per clip compared.</summary>
    [JsonPropertyName("length")] public required int Length { get; init; }
    /// <summary>Real clips the classifier was trained on.</summary>
    [JsonPropertyName("train_clips")] public required int TrainClips { get; init; }
    /// <summary>Where the training clips came from ("--train", or "80 % of --real" when no --train was given).</summary>
    [JsonPropertyName("train_source")] public required string TrainSource { get; init; }
    /// <summary>The classifier's accuracy on the real test clips.</summary>
    [JsonPropertyName("classifier_accuracy")] public required double ClassifierAccuracy { get; init; }
    /// <summary>The generated clips' scores.</summary>
    [JsonPropertyName("synthetic")] public required ClipSetScores Synthetic { get; init; }
    /// <summary>The real test clips' scores: the ceiling (IS) and floor (FD, KID, NDB) generated clips are judged against.</summary>
    [JsonPropertyName("real_test")] public required ClipSetScores RealTest { get; init; }
    /// <summary>Collapse and silence warnings on the generated clips (empty: none).</summary>
    [JsonPropertyName("warnings")] public required IReadOnlyList<string> Warnings { get; init; }
    /// <summary>Per label: generated clips and the share the classifier gives that label (conditional samples only).</summary>
    [JsonPropertyName("per_label_accuracy")] public IReadOnlyDictionary<string, double>? PerLabelAccuracy { get; init; }
}

/// <summary>
/// Scores generated clips as the SC09 papers do (REFERENCES §5), with a classifier trained here on real training clips:
/// Inception score, modified IS, AM score, Fréchet distance and KID on its penultimate features, NDB/K, label accuracy of
/// conditional samples, nearest-neighbour log-mel distances (memorisation and diversity), and the real test clips scored the
/// same way as the ceiling and floor; plus collapse and silence warnings.
/// </summary>
public static class AudioEvaluation
{
    /// <summary>
    /// Evaluates <paramref name="synthetic"/> against <paramref name="real"/> (the real test clips, labelled). The classifier is
    /// trained on <paramref name="train"/>, or, when null, on a seeded, stratified 80 % of <paramref name="real"/> (the other
    /// 20 % are then the test clips). All clips are prepared alike (<paramref name="preparation"/>); collapse checks see the
    /// generated clips as written.
    /// </summary>
    public static AudioEvaluationResult Evaluate(AudioFolder real, AudioFolder synthetic, AudioFolder? train, ClipPreparation preparation,
        string? classifierCache = null, Action<string>? status = null)
    {
        preparation.Validate();
        if (real.Clips.Any(c => c.Label is null)) throw new ArgumentException($"{real.Source}: the real clips need labels (--label-pattern or a manifest's label column) to train the classifier.");
        IReadOnlyList<AudioClip> trainClips, testClips;
        string trainSource;
        if (train is not null)
        {
            if (train.Clips.Any(c => c.Label is null)) throw new ArgumentException($"{train.Source}: the training clips need labels.");
            (trainClips, testClips, trainSource) = (train.Clips, real.Clips, "--train");
        }
        else
        {
            (trainClips, testClips) = Split(real.Clips);
            trainSource = "80 % of --real (stratified, seed 0)";
        }
        var labels = trainClips.Select(c => c.Label!).Distinct().Order(StringComparer.Ordinal).ToList();
        var unknown = testClips.Select(c => c.Label!).Where(l => !labels.Contains(l)).Distinct().ToList();
        if (unknown.Count > 0) throw new ArgumentException($"{real.Source}: label(s) {string.Join(", ", unknown)} of the test clips are not among the training clips' labels.");

        status?.Invoke($"preparing {trainClips.Count + testClips.Count + synthetic.Clips.Count:N0} clips");
        var trainPrepared = trainClips.Select(preparation.Apply).ToList();
        var testPrepared = testClips.Select(preparation.Apply).ToList();
        var synthPrepared = synthetic.Clips.Select(preparation.Apply).ToList();
        var synthRaw = synthetic.Clips.Select(c => ClipPreparation.FitLength(ClipPreparation.Resample(c.Samples, c.SampleRate, preparation.SampleRate), preparation.Length)).ToList();

        status?.Invoke($"classifier on {trainPrepared.Count:N0} clips");
        using var classifier = AudioClassifier.Train(trainPrepared, trainClips.Select(c => c.Label!).ToList(), preparation.SampleRate, classifierCache,
            (epoch, epochs) => { if (epoch % 10 == 0) status?.Invoke($"classifier epoch {epoch}/{epochs}"); });
        status?.Invoke("scoring");
        var (trainP, trainF) = classifier.Predict(trainPrepared);
        var trainMarginal = ClassifierScores.Mean(trainP);
        double kidScale = KernelInceptionDistance.RootMeanSquare(trainF);   // our features are not Inception's order-1 scale
        using var logMel = new LogMelSpectrogram(preparation.SampleRate);
        using var trainMel = Flat(logMel, trainPrepared);
        int within = Math.Min(testPrepared.Count, synthPrepared.Count);

        ClipSetScores Score((float[][] P, float[][] F) predicted, IReadOnlyList<string?> clipLabels, Tensor mels, float[] withinDistances)
        {
            var (p, f) = predicted;
            double? accuracy = clipLabels.All(l => l is not null && labels.Contains(l))
                ? Enumerable.Range(0, p.Length).Count(i => labels[AudioClassifier.ArgMax(p[i])] == clipLabels[i]) / (double)p.Length : null;
            var (kid, kidStd) = KernelInceptionDistance.Compute(f, trainF, scale: kidScale);
            return new ClipSetScores
            {
                Clips = p.Length,
                InceptionScore = ClassifierScores.InceptionScore(p),
                ModifiedInceptionScore = ClassifierScores.ModifiedInceptionScore(p),
                AmScore = ClassifierScores.AmScore(p, trainMarginal),
                FrechetDistance = FrechetDistance.Compute(f, trainF),
                Kid = kid, KidStd = kidStd,
                NdbK = NumberOfDifferentBins.Compute(trainF, f, Math.Min(50, trainF.Length / 2)),
                LabelAccuracy = accuracy,
                MedianDistanceToTrain = NearestNeighbours.Median(NearestNeighbours.Distances(mels, trainMel)),
                MedianDistanceWithin = NearestNeighbours.Median(withinDistances),
            };
        }

        // Each set's log-mels and predictions once; the within-set distances on the first `within` clips of each.
        float[] Within(Tensor mels)
        {
            using var head = mels.narrow(0, 0, within);
            return NearestNeighbours.Distances(head, head, sameSet: true);
        }
        using var testMel = Flat(logMel, testPrepared);
        using var synthMel = Flat(logMel, synthPrepared);
        using var rawMel = Flat(logMel, synthRaw);
        var testWithin = Within(testMel);
        var synthPredicted = classifier.Predict(synthPrepared);
        var synthP = synthPredicted.Probabilities;
        var testScores = Score(classifier.Predict(testPrepared), testClips.Select(c => c.Label).ToList(), testMel, testWithin);
        var synthLabels = synthetic.Clips.Select(c => c.Label).ToList();
        var synthScores = Score(synthPredicted, synthLabels, synthMel, Within(synthMel));

        var warnings = CollapseDetector.Check(synthRaw, preparation.SampleRate, Within(rawMel), testWithin);
        var heard = synthP.GroupBy(AudioClassifier.ArgMax).OrderByDescending(g => g.Count()).First();
        double trainShare = trainClips.Count(c => c.Label == labels[heard.Key]) / (double)trainClips.Count;
        if (heard.Count() > 0.5 * synthP.Length && heard.Count() > 2 * trainShare * synthP.Length)
            warnings = [.. warnings, $"one label: {heard.Count():N0} of {synthP.Length:N0} clips are heard as '{labels[heard.Key]}' (a {trainShare:P0} share of the training clips) — the classes have collapsed into one."];

        Dictionary<string, double>? perLabel = null;
        if (synthScores.LabelAccuracy is not null)
        {
            perLabel = labels.Where(l => synthLabels.Contains(l)).ToDictionary(l => l, l =>
            {
                var rows = Enumerable.Range(0, synthLabels.Count).Where(i => synthLabels[i] == l).ToList();
                return rows.Count(i => labels[AudioClassifier.ArgMax(synthP[i])] == l) / (double)rows.Count;
            });
        }
        return new AudioEvaluationResult
        {
            Labels = labels, SampleRate = preparation.SampleRate, Length = preparation.Length, TrainClips = trainClips.Count, TrainSource = trainSource,
            ClassifierAccuracy = testScores.LabelAccuracy ?? double.NaN, Synthetic = synthScores, RealTest = testScores, Warnings = warnings, PerLabelAccuracy = perLabel,
        };
    }

    /// <summary>A seeded, stratified 80/20 split of labelled clips (every fifth clip of each label, after a shuffle, is held out).</summary>
    private static (List<AudioClip> Train, List<AudioClip> Test) Split(IReadOnlyList<AudioClip> clips)
    {
        var rng = new Random(0);
        var train = new List<AudioClip>();
        var test = new List<AudioClip>();
        foreach (var group in clips.GroupBy(c => c.Label!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = group.ToArray();
            rng.Shuffle(items);
            for (int i = 0; i < items.Length; i++) (i % 5 == 4 ? test : train).Add(items[i]);
        }
        if (test.Count == 0 || train.Count == 0) throw new ArgumentException("too few real clips to hold some out for the classifier's test (give --train).");
        return (train, test);
    }

    private static Tensor Flat(LogMelSpectrogram logMel, List<float[]> clips)
    {
        using var x = ClipPreparation.Stack(clips);
        var outputs = new List<Tensor>();
        for (long start = 0; start < clips.Count; start += 512)
        {
            using var chunk = x.narrow(0, start, Math.Min(512, clips.Count - start));
            outputs.Add(logMel.Compute(chunk).flatten(1));
        }
        var all = cat(outputs, 0);
        foreach (var o in outputs) o.Dispose();
        return all;
    }
}
