using System.Diagnostics;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;

/// <summary>Time of each phase of sampling to CSV. Usage: tabular sample-speed --model FILE.bgan [--rows N]</summary>
internal static class TabularSampleSpeed
{
    public static void Run(string[] args)
    {
        string model = args[Array.IndexOf(args, "--model") + 1];
        int rows = args.Contains("--rows") ? int.Parse(args[Array.IndexOf(args, "--rows") + 1]) : 100_000;
        TorchRuntime.EnsureLoaded();
        TorchRuntime.SetThreads(2);
        var total = Stopwatch.StartNew();
        var w = Stopwatch.StartNew();
        using var m = TabularModelFile.Load(model);
        if (args.Contains("--float32")) BeyondGan.Layers.PrecisionLinear.SetComputeType(m.Generator, TorchSharp.torch.ScalarType.Float32);
        Console.WriteLine($"load {w.Elapsed.TotalSeconds:F2} s");
        {
            using var _ = TorchSharp.torch.no_grad();
            m.Generator.eval();
            int chunk = args.Contains("--chunk") ? int.Parse(args[Array.IndexOf(args, "--chunk") + 1]) : 10_000;
            var c = TorchSharp.torch.zeros(chunk, m.Transformer.ConditionWidth);
            for (int run = 0; run < 2; run++)
            {
                w.Restart();
                var chunks = new List<string>();
                for (int k = 0; k < 100_000 / chunk; k++)
                {
                    var cw = Stopwatch.StartNew();
                    using var s = TorchSharp.torch.NewDisposeScope(); m.Generator.call(TorchSharp.torch.randn(chunk, 128), c).data<float>().ToArray();
                    if (k < 12) chunks.Add($"{cw.Elapsed.TotalMilliseconds:F0}");
                }
                Console.WriteLine($"generator only, 100k rows: {w.Elapsed.TotalSeconds:F2} s (first chunks of {chunk}: {string.Join(" ", chunks)} ms)");
            }
            var matrix = new float[100_000 * m.Transformer.Width];
            w.Restart();
            m.Transformer.Inverse(matrix, 100_000);
            Console.WriteLine($"decode only: {w.Elapsed.TotalSeconds:F2} s");
            w.Restart();
            m.Transformer.Inverse(matrix, 100_000);
            Console.WriteLine($"decode only: {w.Elapsed.TotalSeconds:F2} s");
        }
        for (int run = 0; run < 2; run++)
        {
            w.Restart();
            var t = m.Sample(rows, seed: run);
            Console.WriteLine($"sample (generate + decode) {w.Elapsed.TotalSeconds:F2} s");
            w.Restart();
            CsvTableWriter.Write("/tmp/bgan-speed.csv", t);
            Console.WriteLine($"write CSV {w.Elapsed.TotalSeconds:F2} s");
        }
        Console.WriteLine($"total {total.Elapsed.TotalSeconds:F2} s");
    }
}
