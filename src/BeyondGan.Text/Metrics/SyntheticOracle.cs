using BeyondGan.Runtime;
using BeyondGan.Text.Data;
using static TorchSharp.torch;

namespace BeyondGan.Text.Metrics;

/// <summary>
/// The synthetic-data oracle of SeqGAN (Yu et al. 2017, §5): a fixed LSTM that is the "true" language; a model is
/// trained on sequences sampled from it and scored by NLL_oracle, the oracle's mean negative log-likelihood per token
/// (natural log) of the model's samples. The recurrence (row vectors, x_t the embedding of the previous token, x_1 =
/// E[0], h_0 = c_0 = 0): i = σ(x Wi + h Ui + bi), f = σ(x Wf + h Uf + bf), o = σ(x Wog + h Uog + bog),
/// c̃ = tanh(x Wc + h Uc + bc), c = f ⊙ c + i ⊙ c̃, h = o ⊙ tanh(c), p(token | prefix) = softmax(h Wo + bo).
/// Token 0 is both the start input and an ordinary token.
/// </summary>
public sealed class SyntheticOracle : IDisposable
{
    private readonly Tensor embedding, wi, wf, wog, wc, ui, uf, uog, uc, bi, bf, bog, bc, wo, bo;

    /// <summary>An oracle from its parameters (shapes as in the README of the oracle's folder).</summary>
    public SyntheticOracle(IReadOnlyDictionary<string, Tensor> p)
    {
        TorchRuntime.EnsureLoaded();
        Tensor Get(string name) => p.TryGetValue(name, out var t) ? t.to(ScalarType.Float32) : throw new ArgumentException($"the oracle has no '{name}'.");
        (embedding, wi, wf, wog, wc) = (Get("embedding"), Get("wi"), Get("wf"), Get("wog"), Get("wc"));
        (ui, uf, uog, uc, bi, bf, bog, bc, wo, bo) = (Get("ui"), Get("uf"), Get("uog"), Get("uc"), Get("bi"), Get("bf"), Get("bog"), Get("bc"), Get("wo"), Get("bo"));
        if (wo.shape[1] != embedding.shape[0]) throw new ArgumentException($"the oracle's output has {wo.shape[1]} tokens, its embedding {embedding.shape[0]}.");
    }

    /// <summary>Token ids of the oracle's vocabulary.</summary>
    public int Vocabulary => (int)embedding.shape[0];

    /// <summary>Reads the oracle's .npy files from <paramref name="folder"/> (shared/datasets/text/seqgan_oracle).</summary>
    public static SyntheticOracle Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such folder (the SeqGAN oracle's .npy files).");
        string[] names = ["embedding", "wi", "wf", "wog", "wc", "ui", "uf", "uog", "uc", "bi", "bf", "bog", "bc", "wo", "bo"];
        TorchRuntime.EnsureLoaded();
        var p = names.ToDictionary(n => n, n =>
        {
            var a = NpyArray.Read(Path.Combine(folder, n + ".npy"));
            return tensor(a.Values, a.Shape);
        });
        return new SyntheticOracle(p);
    }

    /// <summary>Logits [batch, vocabulary] for the next token after <paramref name="previous"/> [batch], and the state.</summary>
    private (Tensor Logits, Tensor H, Tensor C) Step(Tensor previous, Tensor h, Tensor c)
    {
        var x = embedding.index_select(0, previous);
        var i = (x.matmul(wi) + h.matmul(ui) + bi).sigmoid();
        var f = (x.matmul(wf) + h.matmul(uf) + bf).sigmoid();
        var o = (x.matmul(wog) + h.matmul(uog) + bog).sigmoid();
        var candidate = (x.matmul(wc) + h.matmul(uc) + bc).tanh();
        c = f * c + i * candidate;
        h = o * c.tanh();
        return (h.matmul(wo) + bo, h, c);
    }

    /// <summary><paramref name="count"/> sequences of <paramref name="length"/> tokens drawn from the oracle, seeded.</summary>
    public int[][] Sample(int count, int length, long seed)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var rng = new TorchSharp.torch.Generator((ulong)seed);
        long hidden = wi.shape[1];
        var h = zeros(count, hidden);
        var c = zeros(count, hidden);
        var token = zeros(count, ScalarType.Int64);
        var columns = new List<long[]>(length);
        for (int t = 0; t < length; t++)
        {
            Tensor logits;
            (logits, h, c) = Step(token, h, c);
            token = multinomial(logits.softmax(1), 1, generator: rng).squeeze(1);
            columns.Add(token.data<long>().ToArray());
        }
        return Enumerable.Range(0, count).Select(i => columns.Select(col => (int)col[i]).ToArray()).ToArray();
    }

    /// <summary>
    /// NLL_oracle: the mean over every token of <paramref name="sequences"/> of −log p_oracle(token | prefix), natural
    /// log (sequences may differ in length; each token counts once).
    /// </summary>
    public double NegativeLogLikelihood(IReadOnlyList<int[]> sequences)
    {
        if (sequences.Count == 0) throw new ArgumentException("NLL_oracle of no sequences.");
        double total = 0;
        long tokens = 0;
        long hidden = wi.shape[1];
        foreach (var group in sequences.GroupBy(s => s.Length).Where(g => g.Key > 0))
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var rows = group.ToList();
            foreach (var s in rows)
                if (s.Any(t => t < 0 || t >= Vocabulary)) throw new ArgumentException($"a token id outside the oracle's vocabulary (0–{Vocabulary - 1}).");
            var ids = tensor(rows.SelectMany(s => s.Select(t => (long)t)).ToArray(), new long[] { rows.Count, group.Key });
            var h = zeros(rows.Count, hidden);
            var c = zeros(rows.Count, hidden);
            var previous = zeros(rows.Count, ScalarType.Int64);
            for (int t = 0; t < group.Key; t++)
            {
                Tensor logits;
                (logits, h, c) = Step(previous, h, c);
                var target = ids.select(1, t);
                total -= logits.log_softmax(1).gather(1, target.unsqueeze(1)).sum().item<float>();
                previous = target;
            }
            tokens += (long)rows.Count * group.Key;
        }
        return total / tokens;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in new[] { embedding, wi, wf, wog, wc, ui, uf, uog, uc, bi, bf, bog, bc, wo, bo }) t.Dispose();
    }
}
