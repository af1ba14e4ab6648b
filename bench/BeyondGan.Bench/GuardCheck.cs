using System.Diagnostics;
using BeyondGan.Toy;

/// <summary>Resident memory, collections and speed over a long toy run (CollectionGuard's cost). Usage: guard [steps]</summary>
internal static class GuardCheck
{
    public static void Run(string[] args)
    {
        long steps = args.Length > 0 ? long.Parse(args[0]) : 4000;
        using var t = ToyExperiment.BuildTrainer(ToyPresets.Quick() with { BatchSize = 64 }, GaussianMixture2D.Grid(), 1);
        var w = Stopwatch.StartNew();
        for (long s = 1000; s <= steps; s += 1000)
        {
            t.Train(s);
            var p = Process.GetCurrentProcess();
            Console.WriteLine($"step {s}: {w.Elapsed.TotalMilliseconds / 1000:F2} ms/step, working set {p.WorkingSet64 >> 20} MiB, gen0 GCs {GC.CollectionCount(0)}, gen2 {GC.CollectionCount(2)}");
            w.Restart();
        }
    }
}
