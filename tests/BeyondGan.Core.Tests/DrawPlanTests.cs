using BeyondGan.Sampling;

namespace BeyondGan.Core.Tests;

public class DrawPlanTests
{
    [Theory]
    [InlineData(7_001, 3)]
    [InlineData(10, 4)]        // more parts than chunks: some parts are empty
    [InlineData(4_000, 2)]
    [InlineData(1, 1)]
    public void The_parts_cover_every_chunk_once_in_order(long rows, int parts)
    {
        var all = new DrawPlan(rows, 2_000, Shard.Whole, seed: 5).Chunks().ToList();
        var joined = Enumerable.Range(1, parts).SelectMany(k => new DrawPlan(rows, 2_000, new Shard(k, parts), 5).Chunks()).ToList();
        Assert.Equal(all, joined);
        Assert.Equal(rows, all.Sum(c => (long)c.Rows));
        Assert.Equal(rows, Enumerable.Range(1, parts).Sum(k => new DrawPlan(rows, 2_000, new Shard(k, parts), 5).PartRows));
        Assert.All(all.Zip(all.Skip(1)), p => Assert.Equal(p.First.FirstRow + p.First.Rows, p.Second.FirstRow));
    }

    [Fact]
    public void A_chunks_seed_depends_on_the_draws_seed_and_the_chunk_only()
    {
        var a = new DrawPlan(10_000, 2_000, Shard.Whole, seed: 1);
        var b = new DrawPlan(99, 7, new Shard(2, 3), seed: 1);
        Assert.Equal(a.ChunkSeed(3), b.ChunkSeed(3));
        Assert.NotEqual(a.ChunkSeed(3), a.ChunkSeed(4));
        Assert.NotEqual(a.ChunkSeed(3), new DrawPlan(10_000, 2_000, Shard.Whole, seed: 2).ChunkSeed(3));
        Assert.NotEqual(a.ChunkSeed(3), a.ChunkSeed(3, stream: 1));
    }

    [Theory]
    [InlineData("3/8", 3, 8)]
    [InlineData("1/1", 1, 1)]
    public void Shards_parse(string text, int k, int n) => Assert.Equal(new Shard(k, n), Shard.Parse(text));

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("2")]
    [InlineData("-1/2")]
    [InlineData("1/2/3")]
    public void Bad_shards_are_refused_in_one_line(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => Shard.Parse(text));
        Assert.Equal($"--shard {text}: expected K/N with 1 ≤ K ≤ N, e.g. 3/8.", e.Message);
    }

    [Fact]
    public void No_rows_is_refused() =>
        Assert.Equal("--rows must be at least 1, got 0.", Assert.Throws<ArgumentException>(() => new DrawPlan(0, 10, Shard.Whole, 0)).Message);
}
