using System.Runtime.InteropServices;
using System.Diagnostics;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using TorchSharp;

/// <summary>
/// Where a CTGAN fit's resident memory goes: every N steps, resident and managed memory, collections, and TorchSharp's
/// live tensor count and tensors created outside a dispose scope, and glibc's in-use and free heap bytes. Usage:
/// tabular memory [--epochs E] [--every N] [--precision P] [--reuse-fakes B] | tabular memory --renew-cost (what renewing
/// CollectionGuard's region costs with the Adult table in memory).
/// </summary>
internal static class TabularMemory
{
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2 { public nuint arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost; }
    [DllImport("libc", EntryPoint = "mallinfo2")] private static extern MallInfo2 mallinfo2();

    public static void Run(string[] args)
    {
        string? Arg(string n) => args.Contains(n) ? args[Array.IndexOf(args, n) + 1] : null;
        int epochs = int.Parse(Arg("--epochs") ?? "5");
        int every = int.Parse(Arg("--every") ?? "100");
        TorchRuntime.EnsureLoaded();
        TorchRuntime.SetThreads(2);
        var table = TableReader.Read(TabularBench.FindDataset("tabular/adult.csv"));
        var options = new CtganOptions { Epochs = epochs };
        if (Arg("--precision") is string p) options = options with { Precision = ComputePrecisionExtensions.Parse(p) };
        if (Arg("--reuse-fakes") is string r) options = options with { ReuseCriticFakes = bool.Parse(r) };
        var prepared = CtganSynthesizer.Prepare(table, SchemaInference.Infer(table), options);
        using var model = prepared.CreateModel();
        if (args.Contains("--renew-cost"))
        {
            foreach (bool disallow in new[] { false, true, false, true })
            {
                var sw = Stopwatch.StartNew();
                int gen2 = GC.CollectionCount(2);
                for (int i = 0; i < 20; i++)
                {
                    if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
                    GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                    if (disallow) GC.TryStartNoGCRegion(32L << 20, true); else GC.TryStartNoGCRegion(32L << 20);
                }
                if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
                Console.WriteLine($"renewal (collect gen 0 + region 32 MB, disallowFullBlockingGC {disallow}): {sw.Elapsed.TotalMilliseconds / 20:F2} ms, gen-2 collections {GC.CollectionCount(2) - gen2} in 20, managed heap {GC.GetTotalMemory(false) >> 20} MiB");
            }
            return;
        }
        var stats = DisposeScopeManager.Statistics;
        stats.Reset();
        var watch = Stopwatch.StartNew();
        model.Train(prepared, progress =>
        {
            if (progress.Step % every != 0) return;
            using var proc = Process.GetCurrentProcess();
            var t = stats.TensorStatistics;
            Console.WriteLine($"step {progress.Step,6}: rss {proc.WorkingSet64 >> 20,5} MiB, managed {GC.GetTotalMemory(false) >> 20,4} MiB, " +
                $"gc0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, live tensors {t.ThreadTotalLiveCount}, " +
                $"created outside scope {t.CreatedOutsideScopeCount} (disposed {t.DisposedOutsideScopeCount}), in scope {t.CreatedInScopeCount} (disposed {t.DisposedInScopeCount}), " +
                $"{watch.Elapsed.TotalMilliseconds / every:F1} ms/step");
            var m = mallinfo2();
            Console.WriteLine($"   gc committed {GC.GetGCMemoryInfo().TotalCommittedBytes >> 20} MiB, malloc: arena {m.arena >> 20} MiB, in use {m.uordblks >> 20} MiB, free {m.fordblks >> 20} MiB, mmapped {m.hblkhd >> 20} MiB ({m.hblks} blocks)");
            watch.Restart();
        });
    }
}
