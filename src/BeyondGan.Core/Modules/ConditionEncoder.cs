using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Modules;

/// <summary>
/// Turns a condition into a vector: integer class labels (shape [B], int64) through a learned label embedding,
/// or a float condition vector (shape [B, C]) as it is.
/// </summary>
public sealed class ConditionEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Embedding? embedding;

    /// <summary>Output size of the encoded condition.</summary>
    public int OutputSize { get; }

    /// <param name="conditionSize">Size of a float condition vector, or the embedding size when <paramref name="labelCount"/> &gt; 0.</param>
    /// <param name="labelCount">Number of class labels for a label embedding; 0 for vector conditions.</param>
    public ConditionEncoder(int conditionSize, int labelCount = 0) : base(nameof(ConditionEncoder))
    {
        OutputSize = conditionSize;
        if (labelCount > 0) embedding = nn.Embedding(labelCount, conditionSize);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor condition)
    {
        if (embedding is not null)
        {
            if (condition.dtype != ScalarType.Int64) throw new ArgumentException("A label-embedding condition must be an int64 tensor of class labels.");
            return embedding.call(condition);
        }
        if (condition.dim() != 2 || condition.shape[1] != OutputSize)
            throw new ArgumentException($"Condition must have shape [batch, {OutputSize}], got [{string.Join(", ", condition.shape)}].");
        return condition;
    }
}
