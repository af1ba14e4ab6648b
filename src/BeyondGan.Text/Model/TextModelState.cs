using System.Text.Json.Serialization;
using BeyondGan.Text.Tokenization;

namespace BeyondGan.Text.Model;

/// <summary>What a <see cref="TextSynthesizer"/> knows besides its weights: the header of its model file.</summary>
public sealed record TextModelState
{
    /// <summary>The BeyondGan version that trained it.</summary>
    [JsonPropertyName("library")] public required string Library { get; init; }
    /// <summary>The model's kind ("mle").</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }
    /// <summary>The tokenizer ("treebank-words") and its case setting.</summary>
    [JsonPropertyName("tokenizer")] public required string Tokenizer { get; init; }
    /// <summary>The vocabulary.</summary>
    [JsonPropertyName("vocabulary")] public required Vocabulary Vocabulary { get; init; }
    /// <summary>Training options.</summary>
    [JsonPropertyName("options")] public required TextModelOptions Options { get; init; }
    /// <summary>Sub-word models: the characters of the byte-pair encoding (null: word tokens).</summary>
    [JsonPropertyName("bpe_alphabet")] public IReadOnlyList<string>? BpeAlphabet { get; init; }
    /// <summary>Sub-word models: the byte-pair merges in order ("left right"; null: word tokens).</summary>
    [JsonPropertyName("bpe_merges")] public IReadOnlyList<string>? BpeMerges { get; init; }
    /// <summary>The labels of a conditional model, in id order (null: unconditional).</summary>
    [JsonPropertyName("labels")] public IReadOnlyList<string>? Labels { get; init; }
    /// <summary>Each label's share of the training sentences (the mixture drawn without a condition).</summary>
    [JsonPropertyName("label_shares")] public IReadOnlyList<double>? LabelShares { get; init; }
    /// <summary>Training sentences.</summary>
    [JsonPropertyName("training_sentences")] public required int TrainingSentences { get; init; }
    /// <summary>Training sentences longer than the maximum length, truncated.</summary>
    [JsonPropertyName("truncated_sentences")] public required int TruncatedSentences { get; init; }
}
