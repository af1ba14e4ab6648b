using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

/// <summary>
/// TorchSharp's Adam against FlatAdam on the parameter shapes of CTGAN on Adult (generator and critic together):
/// the same results, and the cost of zero_grad + step. Usage: optimizer [threads]
/// </summary>
internal static class OptimizerBench
{
    public static void Run(string[] args)
    {
        int threads = args.Length > 0 ? int.Parse(args[0]) : 1;
        BeyondGan.Runtime.TorchRuntime.EnsureLoaded();
        set_num_threads(threads);
        long[][] shapes = [[256, 232], [256], [256], [256], [256, 488], [256], [256], [256], [157, 744], [157], [256, 2610], [256], [256, 256], [256], [1, 256], [1]];
        Parameter[] Make() => shapes.Select(s => new Parameter(randn(s) * 0.01)).ToArray();
        var a = Make(); var b = Make();
        using (no_grad()) for (int i = 0; i < a.Length; i++) b[i].copy_(a[i]);
        var grads = shapes.Select(s => randn(s)).ToArray();
        var torchAdam = optim.Adam(a, 2e-4, 0.5, 0.9, weight_decay: 1e-6);
        var flatAdam = new BeyondGan.Training.FlatAdam(b, 2e-4, 0.5, 0.9, weightDecay: 1e-6);
        void Grads(Parameter[] ps) { for (int i = 0; i < ps.Length; i++) { var loss = (ps[i] * grads[i]).sum(); loss.backward(); } }
        // Correctness: 20 steps each, compare.
        for (int s = 0; s < 20; s++)
        {
            using var scope = NewDisposeScope();
            torchAdam.zero_grad(); Grads(a); torchAdam.step();
            flatAdam.zero_grad(); Grads(b); flatAdam.step();
        }
        double maxDiff = a.Zip(b).Max(pq => (pq.First - pq.Second).abs().max().item<float>());
        Console.WriteLine($"max |Adam - FlatAdam| after 20 steps: {maxDiff:E2}");
        for (int round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            for (int s = 0; s < 500; s++) { using var scope = NewDisposeScope(); torchAdam.zero_grad(); torchAdam.step(); }
            double ta = sw.Elapsed.TotalMilliseconds / 500;
            sw.Restart();
            for (int s = 0; s < 500; s++) { using var scope = NewDisposeScope(); flatAdam.zero_grad(); flatAdam.step(); }
            double tf = sw.Elapsed.TotalMilliseconds / 500;
            Console.WriteLine($"zero_grad + step, {a.Length} tensors, {flatAdam.Count:N0} values: Adam {ta:F3} ms, FlatAdam {tf:F3} ms");
        }
    }
}
