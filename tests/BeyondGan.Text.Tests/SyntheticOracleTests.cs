using BeyondGan.Runtime;
using BeyondGan.Text.Data;
using BeyondGan.Text.Metrics;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace BeyondGan.Text.Tests;

public sealed class SyntheticOracleTests(ITestOutputHelper output) : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-oracle-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static void WriteNpy(string path, string descr, long[] shape, byte[] data)
    {
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        header = header.PadRight(((10 + header.Length + 1 + 63) / 64) * 64 - 10 - 1) + "\n";
        using var w = new BinaryWriter(File.Create(path));
        w.Write(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 });
        w.Write((ushort)header.Length);
        w.Write(System.Text.Encoding.ASCII.GetBytes(header));
        w.Write(data);
    }

    private static byte[] Bytes(float[] v) { var b = new byte[v.Length * 4]; Buffer.BlockCopy(v, 0, b, 0, b.Length); return b; }

    [Fact]
    public void Npy_files_are_read_and_other_types_refused_by_name()
    {
        var path = Path.Combine(dir, "a.npy");
        WriteNpy(path, "<f4", [2, 3], Bytes([1, 2, 3, 4, 5, 6]));
        var a = NpyArray.Read(path);
        Assert.Equal(new long[] { 2, 3 }, a.Shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, a.Values);
        WriteNpy(path, "<f8", [2], new byte[16]);
        Assert.Contains("a.npy: values of type '<f8'", Assert.Throws<InvalidDataException>(() => NpyArray.Read(path)).Message);
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Contains("not a .npy file", Assert.Throws<InvalidDataException>(() => NpyArray.Read(path)).Message);
        WriteNpy(path, "<f4", [4], Bytes([1, 2]));
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => NpyArray.Read(path)).Message);
    }

    [Fact]
    public void NLL_oracle_is_the_lstm_recurrence_computed_by_hand()
    {
        TorchRuntime.EnsureLoaded();
        var r = new Random(5);
        float[] R(int n) => Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
        int V = 3, H = 2;
        var p = new Dictionary<string, float[]>
        {
            ["embedding"] = R(V * H), ["wi"] = R(H * H), ["wf"] = R(H * H), ["wog"] = R(H * H), ["wc"] = R(H * H),
            ["ui"] = R(H * H), ["uf"] = R(H * H), ["uog"] = R(H * H), ["uc"] = R(H * H),
            ["bi"] = R(H), ["bf"] = R(H), ["bog"] = R(H), ["bc"] = R(H), ["wo"] = R(H * V), ["bo"] = R(V),
        };
        long[] Shape(string n) => n switch { "embedding" => [V, H], "wo" => [H, V], "bi" or "bf" or "bog" or "bc" => [H], "bo" => [V], _ => [H, H] };
        using var oracle = new SyntheticOracle(p.ToDictionary(kv => kv.Key, kv => tensor(kv.Value, Shape(kv.Key))));
        int[][] sequences = [[2, 0, 1, 1], [1, 2], [0, 0, 2, 1]];
        // By hand: x·W for row vector x and W [in, out] stored row-major.
        double[] Mul(double[] x, float[] w, int outs) => Enumerable.Range(0, outs).Select(j => x.Select((xi, i) => xi * w[i * outs + j]).Sum()).ToArray();
        double S(double v) => 1 / (1 + Math.Exp(-v));
        double total = 0; int tokens = 0;
        foreach (var s in sequences)
        {
            var h = new double[H]; var c = new double[H]; int prev = 0;
            foreach (int token in s)
            {
                var x = Enumerable.Range(0, H).Select(k => (double)p["embedding"][prev * H + k]).ToArray();
                double[] Gate(string w, string u, string b) { var a = Mul(x, p[w], H); var bb = Mul(h, p[u], H); return a.Select((v, k) => v + bb[k] + p[b][k]).ToArray(); }
                var i = Gate("wi", "ui", "bi").Select(S).ToArray();
                var f = Gate("wf", "uf", "bf").Select(S).ToArray();
                var o = Gate("wog", "uog", "bog").Select(S).ToArray();
                var cand = Gate("wc", "uc", "bc").Select(Math.Tanh).ToArray();
                c = c.Select((cv, k) => f[k] * cv + i[k] * cand[k]).ToArray();
                h = c.Select((cv, k) => o[k] * Math.Tanh(cv)).ToArray();
                var logits = Mul(h, p["wo"], V).Select((v, k) => v + p["bo"][k]).ToArray();
                double max = logits.Max(), logZ = max + Math.Log(logits.Sum(l => Math.Exp(l - max)));
                total += logZ - logits[token];
                tokens++;
                prev = token;
            }
        }
        Assert.Equal(total / tokens, oracle.NegativeLogLikelihood(sequences), 5);
        // Its own samples score near its entropy rate, lower than uniform random tokens' log V.
        var own = oracle.NegativeLogLikelihood(oracle.Sample(2000, 10, seed: 1));
        var uniform = oracle.NegativeLogLikelihood(Enumerable.Range(0, 2000).Select(_ => Enumerable.Range(0, 10).Select(_ => r.Next(V)).ToArray()).ToArray());
        Assert.True(own < uniform, $"own {own:F3}, uniform {uniform:F3}");
        Assert.Equal(oracle.Sample(50, 10, seed: 2), oracle.Sample(50, 10, seed: 2));
    }

    [SkippableFact]
    public void The_published_oracle_scores_its_own_samples_as_the_papers_real_data()
    {
        var text = TexygenTests.SharedText();
        Skip.If(text is null, "../shared/datasets/text is absent (it is not part of a clean clone): the SeqGAN oracle check did not run.");
        string folder = Path.Combine(text!, "seqgan_oracle");
        using var oracle = SyntheticOracle.Load(folder);
        Assert.Equal(5000, oracle.Vocabulary);
        double nll = oracle.NegativeLogLikelihood(oracle.Sample(2000, 20, seed: 0));
        output.WriteLine($"NLL_oracle of 2,000 oracle samples: {nll:F3} (published real data 5.750)");
        Assert.InRange(nll, 5.65, 5.85);
    }
}
