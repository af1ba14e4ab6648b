namespace BeyondGan.Tabular.Transform;

/// <summary>The activation of one block of the generator's output.</summary>
public enum SpanActivation
{
    /// <summary>A scalar in (−1, 1): tanh.</summary>
    Tanh,
    /// <summary>A one-hot block: Gumbel-softmax.</summary>
    Softmax,
}

/// <summary>A contiguous block of the encoded row: its size and activation.</summary>
public readonly record struct OutputSpan(int Size, SpanActivation Activation);
