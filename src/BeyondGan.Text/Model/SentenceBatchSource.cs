using BeyondGan.Training;
using static TorchSharp.torch;

namespace BeyondGan.Text.Model;

/// <summary>
/// Real sentences for a text critic: drawn uniformly at random (from the trainer's generator), each as one-hot rows of
/// its tokens, its end token and padding, [batch, length, vocabulary] — the shape <see cref="TextGenerator"/> emits.
/// </summary>
internal sealed class SentenceBatchSource : IBatchSource
{
    private readonly Tensor tokens;
    private readonly int vocabulary;

    /// <summary>Sentences encoded as [Begin, tokens…, End] (the begin token is dropped here), cut or padded to <paramref name="length"/>.</summary>
    public SentenceBatchSource(IReadOnlyList<int[]> encoded, int length, int vocabulary)
    {
        this.vocabulary = vocabulary;
        var flat = new long[(long)encoded.Count * length];
        for (int i = 0; i < encoded.Count; i++)
            for (int t = 0; t < Math.Min(length, encoded[i].Length - 1); t++) flat[(long)i * length + t] = encoded[i][t + 1];
        tokens = tensor(flat, new long[] { encoded.Count, length });
    }

    public Batch Next(int batchSize, TorchSharp.torch.Generator rng, Device device)
    {
        var rows = randint(tokens.shape[0], new long[] { batchSize }, generator: rng);
        return new Batch(nn.functional.one_hot(tokens.index_select(0, rows), vocabulary).to(ScalarType.Float32).to(device));
    }
}
