using System.Text.Json.Serialization;

namespace BeyondGan.Audio.Model;

/// <summary>What an <see cref="AudioSynthesizer"/> knows besides its weights: the header of its model file.</summary>
public sealed record AudioModelState
{
    /// <summary>This library's version, as <see cref="Library"/> records it.</summary>
    public static string LibraryVersion => typeof(AudioModelState).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The BeyondGan version that trained it.</summary>
    [JsonPropertyName("library")] public required string Library { get; init; }
    /// <summary>Options (network sizes, sample rate, length, how clips were prepared).</summary>
    [JsonPropertyName("options")] public required AudioModelOptions Options { get; init; }
    /// <summary>The labels of a conditional model, in id order (null: unconditional).</summary>
    [JsonPropertyName("labels")] public IReadOnlyList<string>? Labels { get; init; }
    /// <summary>Each label's share of the training clips (the mixture drawn when no label is asked for).</summary>
    [JsonPropertyName("label_shares")] public IReadOnlyList<double>? LabelShares { get; init; }
    /// <summary>Spectrogram models: each frequency bin's mean log-magnitude over the training clips (null: a waveform model).</summary>
    [JsonPropertyName("bin_mean")] public float[]? BinMean { get; init; }
    /// <summary>Spectrogram models: each bin's standard deviation (the generator's ±1 is ±3 of them, as SpecGAN clips).</summary>
    [JsonPropertyName("bin_std")] public float[]? BinStd { get; init; }
    /// <summary>Training clips.</summary>
    [JsonPropertyName("training_clips")] public required int TrainingClips { get; init; }
    /// <summary>Training clips longer than the model's length after trimming, cropped to their loudest window.</summary>
    [JsonPropertyName("cropped_clips")] public required int CroppedClips { get; init; }
}
