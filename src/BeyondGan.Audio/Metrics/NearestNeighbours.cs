using static TorchSharp.torch;

namespace BeyondGan.Audio.Metrics;

/// <summary>
/// Nearest-neighbour Euclidean distances between clips' log-mel spectrograms (flattened): from each query to the closest
/// reference clip (memorisation: near 0 means a copy of a training clip) or, within one set, to the closest other clip
/// (diversity: near 0 means near-duplicates). Computed with libtorch's <c>cdist</c> in blocks.
/// </summary>
public static class NearestNeighbours
{
    /// <summary>Each query row's distance to its nearest reference row; with <paramref name="sameSet"/>, a row's own zero distance is skipped.</summary>
    public static float[] Distances(Tensor queries, Tensor references, bool sameSet = false)
    {
        var result = new float[queries.shape[0]];
        for (long start = 0; start < queries.shape[0]; start += 512)
        {
            using var scope = NewDisposeScope();
            long n = Math.Min(512, queries.shape[0] - start);
            var d = cdist(queries.narrow(0, start, n), references);
            if (sameSet)
            {
                var self = arange(start, start + n, dtype: ScalarType.Int64).unsqueeze(1);
                d = d.scatter(1, self, full([n, 1], float.PositiveInfinity));
            }
            d.min(1).values.data<float>().ToArray().CopyTo(result, start);
        }
        return result;
    }

    /// <summary>The median of <paramref name="x"/> (NaN when empty).</summary>
    public static double Median(float[] x)
    {
        var s = x.Order().ToArray();
        return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2.0;
    }
}
