using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Evaluation;

/// <summary>
/// Sequences as the time-series scores see them: [count, length, features] floats (each feature min-max scaled to
/// [0, 1] over the real data, as the TimeGAN protocol scales them), with each sequence's length (steps past it are zeros).
/// </summary>
public sealed class WindowSet
{
    /// <summary>Wraps row-major values of <paramref name="count"/> sequences of at most <paramref name="length"/> steps of <paramref name="features"/> floats.</summary>
    public WindowSet(float[] values, int count, int length, int features, int[]? lengths = null)
    {
        if (values.Length != (long)count * length * features) throw new ArgumentException("The values do not match count × length × features.");
        if (count < 1 || length < 2 || features < 1) throw new ArgumentException($"A window set needs at least one sequence of two steps (got {count} × {length} × {features}).");
        Values = values;
        Count = count;
        Length = length;
        Features = features;
        Lengths = lengths ?? Enumerable.Repeat(length, count).ToArray();
        if (Lengths.Length != count || Lengths.Any(l => l < 1 || l > length)) throw new ArgumentException("Each sequence needs a length from 1 to the window length.");
    }

    /// <summary>The values, [count, length, features] row-major.</summary>
    public float[] Values { get; }
    /// <summary>Number of sequences.</summary>
    public int Count { get; }
    /// <summary>Steps per sequence (the longest).</summary>
    public int Length { get; }
    /// <summary>Floats per step.</summary>
    public int Features { get; }
    /// <summary>Each sequence's length.</summary>
    public int[] Lengths { get; }
    /// <summary>True when every sequence has <see cref="Length"/> steps.</summary>
    public bool FixedLength => Lengths.All(l => l == Length);

    /// <summary>The value of <paramref name="feature"/> at <paramref name="step"/> of sequence <paramref name="i"/>.</summary>
    public float this[int i, int step, int feature] => Values[((long)i * Length + step) * Features + feature];

    /// <summary>The sequences at <paramref name="indices"/>, as a new set.</summary>
    public WindowSet Select(IReadOnlyList<int> indices)
    {
        int stride = Length * Features;
        var values = new float[(long)indices.Count * stride];
        for (int i = 0; i < indices.Count; i++) Array.Copy(Values, (long)indices[i] * stride, values, (long)i * stride, stride);
        return new WindowSet(values, indices.Count, Length, Features, indices.Select(i => Lengths[i]).ToArray());
    }

    /// <summary>The sequences as a tensor [count, length, features].</summary>
    public Tensor ToTensor() => tensor(Values, new long[] { Count, Length, Features });

    /// <summary>
    /// Scales <paramref name="sets"/> feature by feature to [0, 1] with the minimum and maximum of the first set (the real
    /// data), as the protocol does; values outside that range are kept (a synthetic value above the real maximum is &gt; 1).
    /// </summary>
    public static WindowSet[] MinMaxByFirst(params WindowSet[] sets)
    {
        var reference = sets[0];
        var min = new float[reference.Features];
        var max = new float[reference.Features];
        Array.Fill(min, float.PositiveInfinity);
        Array.Fill(max, float.NegativeInfinity);
        for (int i = 0; i < reference.Count; i++)
            for (int t = 0; t < reference.Lengths[i]; t++)
                for (int f = 0; f < reference.Features; f++)
                {
                    float v = reference[i, t, f];
                    min[f] = Math.Min(min[f], v);
                    max[f] = Math.Max(max[f], v);
                }
        return sets.Select(s =>
        {
            if (s.Features != reference.Features) throw new ArgumentException($"The sets have {reference.Features} and {s.Features} features.");
            var values = (float[])s.Values.Clone();
            for (long k = 0; k < values.Length; k++)
            {
                int f = (int)(k % s.Features);
                float range = max[f] - min[f];
                values[k] = range > 0 ? (values[k] - min[f]) / (range + 1e-7f) : 0;
            }
            // Padding past a sequence's end stays zero.
            for (int i = 0; i < s.Count; i++)
                Array.Clear(values, (int)(((long)i * s.Length + s.Lengths[i]) * s.Features), (s.Length - s.Lengths[i]) * s.Features);
            return new WindowSet(values, s.Count, s.Length, s.Features, s.Lengths);
        }).ToArray();
    }
}
