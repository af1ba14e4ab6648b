using BeyondGan.Regularizers;
using BeyondGan.Tabular.Transform;
using static TorchSharp.torch;

namespace BeyondGan.Tabular.Model;

/// <summary>
/// CTGAN's generator loss term (Xu et al. 2019, §4.3): the cross-entropy between the generator's logits for the
/// conditioned column and the condition's level, summed over the columns each row was conditioned on and averaged
/// over the batch. It makes the generator honour the conditional vector.
/// </summary>
public sealed class ConditionalCrossEntropy : GanRegularizer
{
    private readonly IReadOnlyList<DiscreteColumn> columns;
    private readonly OutputLayout layout;
    private readonly Tensor dataGather, conditionGather;

    /// <summary>Creates the term for the discrete columns of <paramref name="transformer"/>.</summary>
    public ConditionalCrossEntropy(DataTransformer transformer)
    {
        columns = transformer.DiscreteColumns;
        layout = new OutputLayout(transformer.Spans, columns);
        dataGather = tensor(layout.DiscreteGather);
        conditionGather = tensor(layout.ConditionGather);
    }

    /// <inheritdoc />
    public override string Name => "conditional_cross_entropy";

    /// <inheritdoc />
    public override Tensor? GeneratorPenalty(GeneratorPenaltyInputs inputs)
    {
        if (inputs.Condition is null || columns.Count == 0) return null;
        var raw = (inputs.Generator as TabularGenerator)?.LastRawOutput
                  ?? throw new InvalidOperationException("The conditional cross-entropy needs a TabularGenerator in training mode.");
        // Padded [B, columns, widest] logits and condition one-hots: −Σ c·log softmax(logits) is the cross-entropy of
        // each conditioned column and 0 for the others (their condition block is all zeros), i.e. CE × mask.
        var logits = OutputLayout.Gather(raw, dataGather.to(raw.device), layout.DiscreteCount, layout.DiscreteWidth, OutputLayout.PadLogit);
        var target = OutputLayout.Gather(inputs.Condition, conditionGather.to(raw.device), layout.DiscreteCount, layout.DiscreteWidth, 0f);
        return -(nn.functional.log_softmax(logits, 2) * target).sum() / raw.shape[0];
    }
}
