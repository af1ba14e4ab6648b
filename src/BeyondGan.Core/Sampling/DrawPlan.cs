namespace BeyondGan.Sampling;

/// <summary>
/// A draw of <see cref="Rows"/> rows cut into chunks of <see cref="ChunkRows"/>: chunk i holds rows
/// [i·ChunkRows, (i+1)·ChunkRows) and draws from its own random stream, seeded from the draw's seed and i alone
/// (<see cref="ChunkSeed"/>). Any chunk can therefore be made without the ones before it — which is what lets a draw be
/// streamed with flat memory and split into shards that together give the same bytes as one process.
/// </summary>
public sealed class DrawPlan
{
    /// <summary>Plans a draw of <paramref name="rows"/> rows (≥ 1) in chunks of <paramref name="chunkRows"/>, of which <paramref name="shard"/> makes its part.</summary>
    public DrawPlan(long rows, int chunkRows, Shard shard, long seed)
    {
        if (rows < 1) throw new ArgumentException($"--rows must be at least 1, got {rows}.");
        if (chunkRows < 1) throw new ArgumentOutOfRangeException(nameof(chunkRows));
        Rows = rows;
        ChunkRows = chunkRows;
        Shard = shard;
        Seed = seed;
        ChunkCount = (rows + chunkRows - 1) / chunkRows;
        (FirstChunk, EndChunk) = shard.Range(ChunkCount);
    }

    /// <summary>Rows in the whole draw.</summary>
    public long Rows { get; }
    /// <summary>Rows per chunk (the last may be shorter).</summary>
    public int ChunkRows { get; }
    /// <summary>The part of the draw this plan makes.</summary>
    public Shard Shard { get; }
    /// <summary>The draw's seed.</summary>
    public long Seed { get; }
    /// <summary>Chunks in the whole draw.</summary>
    public long ChunkCount { get; }
    /// <summary>First chunk of this part.</summary>
    public long FirstChunk { get; }
    /// <summary>One past the last chunk of this part.</summary>
    public long EndChunk { get; }

    /// <summary>Rows this part makes.</summary>
    public long PartRows => FirstChunk == EndChunk ? 0 : Math.Min(Rows, EndChunk * ChunkRows) - FirstChunk * ChunkRows;

    /// <summary>This part's chunks: index, first row (in the whole draw) and row count.</summary>
    public IEnumerable<(long Index, long FirstRow, int Rows)> Chunks()
    {
        for (long i = FirstChunk; i < EndChunk; i++)
            yield return (i, i * ChunkRows, (int)Math.Min(ChunkRows, Rows - i * ChunkRows));
    }

    /// <summary>The seed of chunk <paramref name="chunk"/>'s random stream (SplitMix64 of the draw's seed and the chunk), optionally for a sub-stream <paramref name="stream"/>.</summary>
    public ulong ChunkSeed(long chunk, long stream = 0) => Mix(Mix((ulong)Seed) ^ (ulong)chunk * 0x9E3779B97F4A7C15UL ^ (ulong)stream * 0xD1B54A32D192ED03UL);

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
