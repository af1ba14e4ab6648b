using System.Globalization;

namespace BeyondGan.Sampling;

/// <summary>
/// Part <see cref="Index"/> of <see cref="Count"/> of a draw (<c>--shard K/N</c>), so that N processes or machines
/// together write exactly what one process writes. A draw is cut into fixed chunks, each with its own random stream
/// (<see cref="DrawPlan"/>); shard K takes a contiguous run of them.
/// </summary>
/// <param name="Index">1-based part number.</param>
/// <param name="Count">Number of parts.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole draw (1/1).</summary>
    public static readonly Shard Whole = new(1, 1);

    /// <summary>Parses <c>K/N</c> (1 ≤ K ≤ N); throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            || n < 1 || k < 1 || k > n)
            throw new ArgumentException($"--shard {text}: expected K/N with 1 ≤ K ≤ N, e.g. 3/8.");
        return new Shard(k, n);
    }

    /// <summary>The chunks [First, End) of a draw of <paramref name="chunks"/> chunks that this part writes.</summary>
    public (long First, long End) Range(long chunks) => (chunks * (Index - 1) / Count, chunks * Index / Count);

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
