using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;
using BeyondGan.Training;

namespace BeyondGan.Tabular.Model;

/// <summary>What a model file records about its data and training, read without loading the networks.</summary>
/// <param name="Library">The BeyondGan version that wrote the file.</param>
/// <param name="Schema">How each column was modelled.</param>
/// <param name="Transformer">The fitted data transformer.</param>
/// <param name="Options">The training options.</param>
/// <param name="TrainingRows">Rows of the training table.</param>
/// <param name="EpochsTrained">Epochs completed.</param>
/// <param name="History">Per-epoch training metrics.</param>
/// <param name="Format">How the training file was written (delimiter, white space, missing tokens).</param>
/// <param name="Rules">The training table's rules and how the model keeps them.</param>
public sealed record TabularModelSummary(string Library, TableSchema Schema, DataTransformer Transformer, CtganOptions Options,
    long TrainingRows, int EpochsTrained, MetricsHistory History, TextFormat Format, Rules.RuleEnforcement Rules);
