namespace BeyondGan.Evaluation.Privacy;

/// <summary>Exact nearest-neighbour search by brute force over encoded rows, in parallel over the query rows.</summary>
public static class NearestRecords
{
    /// <summary>For each query row, the distances to its nearest and second-nearest reference rows.</summary>
    public static (float First, float Second)[] Find(GowerSpace space, float[] queries, float[] reference)
    {
        int p = space.Width;
        int nq = queries.Length / p, nr = reference.Length / p;
        var result = new (float, float)[nq];
        Parallel.For(0, nq, q =>
        {
            var query = queries.AsSpan(q * p, p);
            float first = float.PositiveInfinity, second = float.PositiveInfinity;
            for (int r = 0; r < nr; r++)
            {
                float d = space.Distance(query, reference.AsSpan(r * p, p), second);
                if (d < first) { second = first; first = d; }
                else if (d < second) second = d;
            }
            result[q] = (first, second);
        });
        return result;
    }
}
