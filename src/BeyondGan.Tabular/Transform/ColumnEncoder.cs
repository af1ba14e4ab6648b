using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Transform;

/// <summary>
/// Turns one column into a block of the model's input matrix and back. The matrix is row-major with
/// <c>width</c> floats per row; this encoder owns the floats from <c>offset</c> for its <see cref="Width"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "encoder")]
[JsonDerivedType(typeof(ContinuousEncoder), "continuous")]
[JsonDerivedType(typeof(CategoricalEncoder), "categorical")]
[JsonDerivedType(typeof(IdentifierEncoder), "identifier")]
public abstract class ColumnEncoder
{
    /// <summary>The column's schema.</summary>
    [JsonPropertyName("column")] public required ColumnSchema Column { get; init; }

    /// <summary>The output blocks, in order.</summary>
    [JsonIgnore] public abstract IReadOnlyList<OutputSpan> Spans { get; }

    /// <summary>Total floats per row.</summary>
    [JsonIgnore] public int Width => Spans.Sum(s => s.Size);

    /// <summary>Encodes <paramref name="cells"/> into rows of <paramref name="matrix"/>.</summary>
    public abstract void Encode(RawTable table, string?[] cells, float[] matrix, int width, int offset, Random rng);

    /// <summary>Decodes <paramref name="rows"/> rows of <paramref name="matrix"/> into text cells (null = missing);
    /// <paramref name="firstRow"/> is the first row's index in the whole draw (identifiers are numbered by it).</summary>
    public abstract string?[] Decode(float[] matrix, int rows, int width, int offset, long firstRow);

    /// <summary>Index of the largest of <paramref name="size"/> floats starting at <paramref name="start"/>.</summary>
    protected static int ArgMax(float[] matrix, int start, int size)
    {
        int best = 0;
        for (int i = 1; i < size; i++) if (matrix[start + i] > matrix[start + best]) best = i;
        return best;
    }
}
