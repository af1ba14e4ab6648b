using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;
using BeyondGan.TimeSeries.Data;
using BeyondGan.TimeSeries.Transform;

namespace BeyondGan.TimeSeries.Model;

/// <summary>What a <see cref="SequenceSynthesizer"/> knows besides its networks' weights: the header of its model file.</summary>
public sealed record SequenceModelState
{
    /// <summary>The BeyondGan version that trained it.</summary>
    [JsonPropertyName("library")] public required string Library { get; init; }
    /// <summary>The input's columns and roles.</summary>
    [JsonPropertyName("schema")] public required SequenceSchema Schema { get; init; }
    /// <summary>The steps' encoders.</summary>
    [JsonPropertyName("encoder")] public required SequenceEncoder Encoder { get; init; }
    /// <summary>Training options.</summary>
    [JsonPropertyName("options")] public required SequenceGanOptions Options { get; init; }
    /// <summary>The training length (the longest sequence, or the window).</summary>
    [JsonPropertyName("length")] public required int Length { get; init; }
    /// <summary>Steps each generator cell emits.</summary>
    [JsonPropertyName("steps_per_cell")] public required int StepsPerCell { get; init; }
    /// <summary>Width of the encoded entity row (0 for a single series).</summary>
    [JsonPropertyName("condition_width")] public required int ConditionWidth { get; init; }
    /// <summary>The entity table's extra columns (panel data), or null.</summary>
    [JsonPropertyName("entities")] public EntityTable? Entities { get; init; }
    /// <summary>How times start and are written.</summary>
    [JsonPropertyName("times")] public required TimeFacts Times { get; init; }
    /// <summary>How the input file was written (output is written the same way).</summary>
    [JsonPropertyName("format")] public required TextFormat Format { get; init; }
    /// <summary>Training sequences (entities or windows).</summary>
    [JsonPropertyName("training_sequences")] public required int TrainingSequences { get; init; }
    /// <summary>Fresh-identifier shapes of the entity key columns and identifier features.</summary>
    [JsonPropertyName("identifiers")] public required IReadOnlyDictionary<string, IdentifierEncoder> Identifiers { get; init; }
}
