using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using BeyondGan.Text.Data;
using BeyondGan.Text.Metrics;
using BeyondGan.Text.Tokenization;

namespace BeyondGan.Text.Evaluation;

/// <summary>
/// Scores generated sentences against real ones (REFERENCES §4): BLEU-2..5 with every real sentence as a reference,
/// exact leave-one-out Self-BLEU-2..5 (with the number of sentences, since it grows with it), distinct-1..4, the
/// Jensen–Shannon divergence of the 1- to 4-gram distributions, lengths, and with the training set the share of samples
/// copied from it. Both sides are tokenized by the benchmarks' word tokenizer.
/// </summary>
public static class TextEvaluation
{
    /// <summary>Scores <paramref name="synthetic"/> against <paramref name="real"/> (and <paramref name="training"/>, when given).</summary>
    /// <remarks>
    /// With a labelled <paramref name="real"/> corpus and the <paramref name="label"/> the generated sentences were drawn
    /// for, the real sentences of that label are the references, and a naive Bayes classifier trained on 80 % of the
    /// real labelled sentences (its accuracy on the other 20 % reported) says which share of the generated ones carry it.
    /// </remarks>
    public static TextEvaluationResult Compute(TextCorpus real, TextCorpus synthetic, TextCorpus? training = null, TreebankWordTokenizer? tokenizer = null, string? label = null)
    {
        tokenizer ??= new TreebankWordTokenizer();
        return Compute(real, tokenizer.TokenizeAll(real.Lines), tokenizer.TokenizeAll(synthetic.Lines), training is null ? null : tokenizer.TokenizeAll(training.Lines), label);
    }

    /// <summary>As the other overload, on sentences already tokenized (<paramref name="real"/> gives the real sentences' labels).</summary>
    public static TextEvaluationResult Compute(TextCorpus real, IReadOnlyList<IReadOnlyList<string>> realTokens, IReadOnlyList<IReadOnlyList<string>> syntheticTokens,
        IReadOnlyList<IReadOnlyList<string>>? trainingTokens, string? label = null)
    {
        var (all, s, training) = (realTokens, syntheticTokens, trainingTokens);
        var watch = Stopwatch.StartNew();
        double? classifierAccuracy = null, labelAccuracy = null;
        var r = all;
        if (label is not null)
        {
            if (real.Labels is null) throw new ArgumentException("--label needs labelled real sentences (--column and --label-column).");
            if (!real.Labels.Contains(label)) throw new ArgumentException($"--label {label}: no real sentence has it (labels: {string.Join(", ", real.Labels.Distinct().Order(StringComparer.Ordinal))}).");
            var test = Enumerable.Range(0, all.Count).Where(i => i % 5 == 4).ToList();
            var train = Enumerable.Range(0, all.Count).Where(i => i % 5 != 4).ToList();
            var classifier = LabelClassifier.Train(train.Select(i => all[i]).ToList(), train.Select(i => real.Labels[i]).ToList());
            classifierAccuracy = classifier.Accuracy(test.Select(i => all[i]).ToList(), test.Select(i => real.Labels[i]).ToList());
            labelAccuracy = classifier.Accuracy(s, Enumerable.Repeat(label, s.Count).ToList());
            r = Enumerable.Range(0, all.Count).Where(i => real.Labels[i] == label).Select(i => all[i]).ToList();
        }
        var bleu = new Bleu(r).Corpus(s);
        var self = s.Count >= 2 ? SelfBleu.Score(s) : null;
        int[] orders = [2, 3, 4, 5];
        int[] small = [1, 2, 3, 4];
        return new TextEvaluationResult
        {
            RealSentences = r.Count,
            SyntheticSentences = s.Count,
            Bleu = orders.ToDictionary(n => $"bleu{n}", n => bleu[n]),
            SelfBleu = self is null ? null : orders.ToDictionary(n => $"self_bleu{n}", n => self[n]),
            SelfBleuSentences = self?.Count ?? 0,
            Distinct = small.ToDictionary(n => $"distinct{n}", n => DistinctNGrams.Score(s, n)),
            RealDistinct = small.ToDictionary(n => $"distinct{n}", n => DistinctNGrams.Score(r, n)),
            NGramJsd = small.ToDictionary(n => $"jsd{n}", n => NGramDivergence.Score(r, s, n)),
            MeanLength = s.Average(x => x.Count),
            RealMeanLength = r.Average(x => x.Count),
            Copied = training is null ? null : CopiedShare.Score(s, training),
            Seconds = watch.Elapsed.TotalSeconds,
            Label = label, ClassifierAccuracy = classifierAccuracy, LabelAccuracy = labelAccuracy,
        };
    }
}

/// <summary>What <see cref="TextEvaluation"/> measured (the JSON of <c>text evaluate</c>).</summary>
public sealed record TextEvaluationResult
{
    /// <summary>Real (reference) sentences.</summary>
    [JsonPropertyName("real_sentences")] public int RealSentences { get; init; }
    /// <summary>Generated sentences scored.</summary>
    [JsonPropertyName("synthetic_sentences")] public int SyntheticSentences { get; init; }
    /// <summary>BLEU-2..5 against the real sentences (higher: closer to real text).</summary>
    [JsonPropertyName("bleu")] public required IReadOnlyDictionary<string, double> Bleu { get; init; }
    /// <summary>Self-BLEU-2..5, leave-one-out (higher: less diverse); null for fewer than 2 sentences.</summary>
    [JsonPropertyName("self_bleu")] public IReadOnlyDictionary<string, double>? SelfBleu { get; init; }
    /// <summary>Sentences Self-BLEU was computed over (it grows with them).</summary>
    [JsonPropertyName("self_bleu_sentences")] public int SelfBleuSentences { get; init; }
    /// <summary>Distinct-1..4 of the generated sentences.</summary>
    [JsonPropertyName("distinct")] public required IReadOnlyDictionary<string, double> Distinct { get; init; }
    /// <summary>Distinct-1..4 of the real sentences, for comparison.</summary>
    [JsonPropertyName("real_distinct")] public required IReadOnlyDictionary<string, double> RealDistinct { get; init; }
    /// <summary>Jensen–Shannon divergence of the 1- to 4-gram distributions (0 best).</summary>
    [JsonPropertyName("ngram_jsd")] public required IReadOnlyDictionary<string, double> NGramJsd { get; init; }
    /// <summary>Mean tokens per generated sentence.</summary>
    [JsonPropertyName("mean_length")] public double MeanLength { get; init; }
    /// <summary>Mean tokens per real sentence.</summary>
    [JsonPropertyName("real_mean_length")] public double RealMeanLength { get; init; }
    /// <summary>The Fréchet distance of sentence embeddings and its real-vs-real floor; null unless asked for.</summary>
    [JsonPropertyName("embedding_distance")] public EmbeddingDistance? EmbeddingDistance { get; init; }
    /// <summary>Share of generated sentences copied from the training set; null without one.</summary>
    [JsonPropertyName("copied")] public double? Copied { get; init; }
    /// <summary>Seconds the scores took.</summary>
    [JsonPropertyName("seconds")] public double Seconds { get; init; }
    /// <summary>The label the generated sentences were drawn for (scored against the real sentences of that label), or null.</summary>
    [JsonPropertyName("label")] public string? Label { get; init; }
    /// <summary>The label classifier's accuracy on held-out real sentences (20 %): how far its verdicts can be trusted.</summary>
    [JsonPropertyName("classifier_accuracy")] public double? ClassifierAccuracy { get; init; }
    /// <summary>Share of the generated sentences the classifier gives <see cref="Label"/>.</summary>
    [JsonPropertyName("label_accuracy")] public double? LabelAccuracy { get; init; }
    /// <summary>NLL_gen per token of the training set under the model (natural log), when a model and a training set were given.</summary>
    [JsonPropertyName("nll_per_token")] public double? NllPerToken { get; init; }
    /// <summary>NLL_gen as the benchmarks average it: over every position of the training sentences padded to the longest (COCO MLE .718).</summary>
    [JsonPropertyName("nll_gen")] public double? NllGen { get; init; }
    /// <summary>The quality–diversity curve of a model swept over temperatures (Caccia et al. 2020), when one was given.</summary>
    [JsonPropertyName("curve")] public IReadOnlyList<QualityDiversityPoint>? Curve { get; init; }

    /// <summary>The result as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}

/// <summary>One point of a quality–diversity curve: BLEU-5 (quality) against Self-BLEU-5 (lack of diversity) at a temperature.</summary>
/// <param name="Temperature">The softmax temperature the sentences were drawn at.</param>
/// <param name="Bleu5">BLEU-5 against the real sentences.</param>
/// <param name="SelfBleu5">Leave-one-out Self-BLEU-5.</param>
/// <param name="Sentences">Sentences drawn.</param>
public sealed record QualityDiversityPoint(
    [property: JsonPropertyName("temperature")] double Temperature,
    [property: JsonPropertyName("bleu5")] double Bleu5,
    [property: JsonPropertyName("self_bleu5")] double SelfBleu5,
    [property: JsonPropertyName("sentences")] int Sentences);
