using System.Diagnostics;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;

/// <summary>
/// Memory at scale (issue 3): sample N rows from a trained model into a CSV, then read, encode and train on it for a
/// fixed number of steps, reporting peak resident memory beside the size of the data itself.
/// Usage: tabular scale --model FILE.bgan --rows N [--steps 200] [--threads 2]
/// Run once per size (peak memory is per process).
/// </summary>
internal static class TabularScale
{
    public static void Run(string[] args)
    {
        string model = Arg(args, "--model") ?? throw new ArgumentException("--model is required");
        int rows = int.Parse(Arg(args, "--rows") ?? "1000000");
        int steps = int.Parse(Arg(args, "--steps") ?? "200");
        TorchRuntime.EnsureLoaded();
        TorchRuntime.SetThreads(int.Parse(Arg(args, "--threads") ?? "2"));
        string csv = Path.Combine(Path.GetTempPath(), $"bgan-scale-{rows}.csv");
        var watch = Stopwatch.StartNew();
        if (!File.Exists(csv))
        {
            using var m = TabularModelFile.Load(model);
            CsvTableWriter.Write(csv, m.Sample(rows, seed: 11));
            Console.WriteLine($"sampled {rows:N0} rows to {csv} ({new FileInfo(csv).Length / 1048576.0:F0} MB) in {watch.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine("run again to measure the fit in a fresh process");
            return;
        }
        GC.Collect();
        long baseline = Process.GetCurrentProcess().WorkingSet64;
        watch.Restart();
        var table = TableReader.Read(csv);
        double readSeconds = watch.Elapsed.TotalSeconds;
        GC.Collect();
        long afterRead = Process.GetCurrentProcess().WorkingSet64;
        var schema = SchemaInference.Infer(table);
        watch.Restart();
        var prepared = CtganSynthesizer.Prepare(table, schema, new CtganOptions { Epochs = 1 });
        double prepareSeconds = watch.Elapsed.TotalSeconds;
        long matrixBytes = (long)prepared.Matrix.Length * sizeof(float);
        using var synthesizer = prepared.CreateModel();
        using var cts = new CancellationTokenSource();
        int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        watch.Restart();
        synthesizer.Train(prepared, p => { if (p.Step >= steps) cts.Cancel(); }, cts.Token);
        double msPerStep = watch.Elapsed.TotalMilliseconds / steps;
        Console.WriteLine($"  collections during training: gen0 {GC.CollectionCount(0) - gen0}, gen2 {GC.CollectionCount(2) - gen2}");
        GC.Collect();
        var p = Process.GetCurrentProcess();
        Console.WriteLine($"rows {rows:N0}: read {readSeconds:F1} s, transformer fit + encode {prepareSeconds:F1} s, {msPerStep:F1} ms/step over {steps} steps");
        Console.WriteLine($"  working set: start {baseline / 1048576.0:F0} MB, after read {afterRead / 1048576.0:F0} MB, now {p.WorkingSet64 / 1048576.0:F0} MB, peak {p.PeakWorkingSet64 / 1048576.0:F0} MB");
        Console.WriteLine($"  encoded matrix {matrixBytes / 1048576.0:F0} MB ({prepared.Transformer.Width} floats per row); raw table ≈ after read − start");
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
