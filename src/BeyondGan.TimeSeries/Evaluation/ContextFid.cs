using BeyondGan.Layers;
using BeyondGan.Runtime;
using BeyondGan.Training;
using BeyondGan.Statistics;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Evaluation;

/// <summary>
/// Context-FID (Jeha et al. 2022, PSA-GAN): the Fréchet distance between the real and synthetic sequences'
/// embeddings by a TS2Vec encoder (Yue et al. 2022) trained, at every evaluation, contrastively on the real
/// sequences — no pretrained weights. The encoder: a linear input projection to 64 channels, ten residual blocks of two
/// dilated convolutions (kernel 3, dilation 2^i, GELU; the last block widens to 320), random timestamp masking and
/// dropout 0.1 in training; its loss: the hierarchical contrast of two overlapping random crops — instance-wise and
/// temporal — at every scale, max-pooling the time axis by 2 between scales. Trained with AdamW 1e-3 on batches of 8
/// for 200 iterations, 600 when the real data has more than 100,000 values (the settings Diffusion-TS evaluates
/// with); each sequence is embedded by max-pooling its 320 channels over time. Lower is better.
/// </summary>
public static class ContextFid
{
    /// <summary>Channels of an embedding.</summary>
    public const int EmbeddingSize = 320;

    /// <summary>The Context-FID of <paramref name="synthetic"/> against <paramref name="real"/> (both scaled as the protocol scales them).</summary>
    public static double Compute(WindowSet real, WindowSet synthetic, long seed, int? iterations = null)
    {
        TorchRuntime.EnsureLoaded();
        if (real.Features != synthetic.Features) throw new ArgumentException($"The sets have {real.Features} and {synthetic.Features} features.");
        random.manual_seed(seed);
        using var rng = new TorchSharp.torch.Generator((ulong)seed);
        using var encoder = new Ts2VecEncoder(real.Features);
        Train(encoder, real, iterations ?? ((long)real.Count * real.Length * real.Features <= 100_000 ? 200 : 600), rng);
        var a = Embed(encoder, real);
        var b = Embed(encoder, synthetic);
        // The same number of each, drawn at random, as the reference evaluation does.
        int n = Math.Min(a.RowCount, b.RowCount);
        var pick = new Random(unchecked((int)seed));
        return FrechetDistance.Compute(Subset(a, n, pick), Subset(b, n, pick));
    }

    private static Matrix<double> Subset(Matrix<double> m, int n, Random rng)
    {
        if (m.RowCount == n) return m;
        var rows = Enumerable.Range(0, m.RowCount).ToArray();
        rng.Shuffle(rows);
        return Matrix<double>.Build.Dense(n, m.ColumnCount, (i, j) => m[rows[i], j]);
    }

    private static void Train(Ts2VecEncoder encoder, WindowSet real, int iterations, TorchSharp.torch.Generator rng)
    {
        encoder.train();
        using var optimizer = optim.AdamW(encoder.parameters(), 1e-3);
        var all = real.ToTensor();
        int t = real.Length, done = 0;
        var draws = new Random((int)(rng.initial_seed() & 0x7fffffff));
        StepLoop.Run(() => done >= iterations, () =>
        {
            int batch = Math.Min(8, real.Count);
            var rows = tensor(Enumerable.Range(0, batch).Select(_ => (long)draws.Next(real.Count)).ToArray());
            var x = all.index_select(0, rows);
            // Two overlapping crops: [left, right) shared, extended to [eLeft, right) and [left, eRight), shifted per row.
            int cropLength = draws.Next(2, t + 1);
            int left = draws.Next(t - cropLength + 1), right = left + cropLength;
            int eLeft = draws.Next(left + 1), eRight = draws.Next(right, t + 1);
            var offsets = Enumerable.Range(0, batch).Select(_ => draws.Next(-eLeft, t - eRight + 1)).ToArray();
            var first = encoder.call(Take(x, offsets, eLeft, right - eLeft), true);
            var second = encoder.call(Take(x, offsets, left, eRight - left), true);
            var loss = HierarchicalLoss(first.narrow(1, first.shape[1] - cropLength, cropLength), second.narrow(1, 0, cropLength));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            done++;
        });
        encoder.eval();
    }

    /// <summary>Row i's steps [offset_i + start, offset_i + start + length) (zeros outside the sequence), [B, length, D].</summary>
    private static Tensor Take(Tensor x, int[] offsets, int start, int length)
    {
        long steps = x.shape[1];
        var parts = new List<Tensor>(offsets.Length);
        for (int i = 0; i < offsets.Length; i++)
        {
            int from = offsets[i] + start;
            int lo = Math.Max(0, from), hi = (int)Math.Min(steps, from + length);
            var row = x[i].narrow(0, lo, Math.Max(0, hi - lo));
            parts.Add(nn.functional.pad(row.transpose(0, 1), new long[] { lo - from, from + length - hi }).transpose(0, 1));
        }
        return stack(parts);
    }

    /// <summary>TS2Vec's hierarchical contrastive loss: instance and temporal contrast at every scale, halving time by max-pooling.</summary>
    private static Tensor HierarchicalLoss(Tensor z1, Tensor z2)
    {
        Tensor loss = zeros(1);
        int levels = 0;
        while (z1.shape[1] > 1)
        {
            loss = loss + 0.5 * InstanceLoss(z1, z2) + 0.5 * TemporalLoss(z1, z2);
            levels++;
            z1 = nn.functional.max_pool1d(z1.transpose(1, 2), 2).transpose(1, 2);
            z2 = nn.functional.max_pool1d(z2.transpose(1, 2), 2).transpose(1, 2);
        }
        if (z1.shape[1] == 1) { loss = loss + 0.5 * InstanceLoss(z1, z2); levels++; }
        return loss / levels;
    }

    /// <summary>At each timestamp, a row's two views are positives and the batch's other rows negatives.</summary>
    private static Tensor InstanceLoss(Tensor z1, Tensor z2)
    {
        long b = z1.shape[0];
        if (b == 1) return zeros(1);
        var z = cat(new[] { z1, z2 }, 0).transpose(0, 1);             // [T, 2B, C]
        return ContrastOffDiagonal(z.matmul(z.transpose(1, 2)), b);
    }

    /// <summary>In each row, the two views of a timestamp are positives and the row's other timestamps negatives.</summary>
    private static Tensor TemporalLoss(Tensor z1, Tensor z2)
    {
        long t = z1.shape[1];
        if (t == 1) return zeros(1);
        var z = cat(new[] { z1, z2 }, 1);                             // [B, 2T, C]
        return ContrastOffDiagonal(z.matmul(z.transpose(1, 2)), t);
    }

    /// <summary>−log softmax over each row of [.., 2n, 2n] similarities without the diagonal; the mean over the pairs (i, n + i) and (n + i, i).</summary>
    private static Tensor ContrastOffDiagonal(Tensor similarity, long n)
    {
        var lower = similarity.tril(-1).narrow(2, 0, 2 * n - 1);
        var upper = similarity.triu(1).narrow(2, 1, 2 * n - 1);
        var logits = -nn.functional.log_softmax(lower + upper, -1);     // [.., 2n, 2n − 1]
        var i = arange(n, dtype: int64);
        // Row i's positive n + i sits at column n + i − 1 once the diagonal is gone; row n + i's positive i at column i.
        var first = logits.index_select(-2, i).gather(-1, (i + n - 1).reshape(-1, 1).expand(logits.shape[..^2].Append(n).Append(1).ToArray()));
        var second = logits.index_select(-2, i + n).gather(-1, i.reshape(-1, 1).expand(logits.shape[..^2].Append(n).Append(1).ToArray()));
        return (first.mean() + second.mean()) / 2;
    }

    private static Matrix<double> Embed(Ts2VecEncoder encoder, WindowSet set)
    {
        var all = set.ToTensor();
        var rows = new double[set.Count, EmbeddingSize];
        using var _ = no_grad();
        using var guard = new CollectionGuard();   // no collection mid-op (docs/TORCHSHARP.md, native Scalars)
        for (int start = 0; start < set.Count; start += 256)
        {
            guard.Enter();
            using var scope = NewDisposeScope();
            int n = Math.Min(256, set.Count - start);
            var e = encoder.call(all.narrow(0, start, n), false);
            // Steps past a sequence's length are left out of the max.
            var mask = tensor(Enumerable.Range(start, n).SelectMany(i => Enumerable.Range(0, set.Length).Select(t => t < set.Lengths[i] ? 0f : float.NegativeInfinity)).ToArray(),
                new long[] { n, set.Length, 1 });
            var values = (e + mask).max(1).values.data<float>().ToArray();
            for (int i = 0; i < n; i++) for (int c = 0; c < EmbeddingSize; c++) rows[start + i, c] = values[i * EmbeddingSize + c];
        }
        return Matrix<double>.Build.DenseOfArray(rows);
    }

    /// <summary>The TS2Vec encoder: input projection, timestamp masking, ten dilated residual blocks.</summary>
    private sealed class Ts2VecEncoder : nn.Module<Tensor, bool, Tensor>
    {
        private readonly Linear input;
        private readonly ModuleList<Block> blocks = new();
        private readonly Dropout dropout;

        public Ts2VecEncoder(int features, int hidden = 64, int depth = 10) : base(nameof(Ts2VecEncoder))
        {
            input = nn.Linear(features, hidden);
            for (int i = 0; i < depth; i++) blocks.Add(new Block(hidden, i == depth - 1 ? EmbeddingSize : hidden, 1 << i));
            dropout = nn.Dropout(0.1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x, bool masking)
        {
            var h = input.call(x);                                      // [B, T, hidden]
            if (masking && training)
                h = h * (rand(h.shape[0], h.shape[1], 1) > 0.5).to_type(h.dtype);
            h = h.transpose(1, 2);
            foreach (var block in blocks) h = block.call(h);
            return dropout.call(h.transpose(1, 2));                      // [B, T, 320]
        }
    }

    private sealed class Block : nn.Module<Tensor, Tensor>
    {
        private readonly UnfoldConv1d first, second;
        private readonly UnfoldConv1d? projection;

        public Block(int inputs, int outputs, int dilation) : base(nameof(Block))
        {
            first = new UnfoldConv1d(inputs, outputs, 3, padding: dilation, dilation: dilation);
            second = new UnfoldConv1d(outputs, outputs, 3, padding: dilation, dilation: dilation);
            projection = inputs != outputs ? new UnfoldConv1d(inputs, outputs, 1) : null;
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var residual = projection is null ? x : projection.call(x);
            var h = second.call(nn.functional.gelu(first.call(nn.functional.gelu(x))));
            return h + residual;
        }
    }
}
