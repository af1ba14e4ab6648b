using static TorchSharp.torch;

namespace BeyondGan.Training;

/// <summary>
/// One minibatch of real data. <see cref="Condition"/> goes with the real rows; <see cref="FakeCondition"/>
/// (defaulting to <see cref="Condition"/>) is what the generator is asked to produce for the same step, which
/// lets a source pair real rows with a shuffled copy of the fake conditions (CTGAN's training-by-sampling).
/// </summary>
public readonly record struct Batch(Tensor Real, Tensor? Condition = null, Tensor? FakeCondition = null)
{
    /// <summary>Condition for the generated half of the step.</summary>
    public Tensor? ConditionForFakes => FakeCondition ?? Condition;
}
