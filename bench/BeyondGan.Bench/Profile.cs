using System.Diagnostics;
using BeyondGan.Toy;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Bench;

/// <summary>Where the time of one step goes: forward, backward, optimiser, per-op overhead.</summary>
internal static class Profile
{
    /// <summary>Mean milliseconds of <paramref name="a"/> over <paramref name="reps"/> runs after 5 warm-up runs, each in a dispose scope.</summary>
    internal static double Time(int reps, Action a)
    {
        for (int i = 0; i < 5; i++) { using var s = NewDisposeScope(); a(); }
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < reps; i++) { using var s = NewDisposeScope(); a(); }
        return sw.Elapsed.TotalMilliseconds / reps;
    }

    public static void Run(string[] args)
    {
        using var t = ToyExperiment.BuildTrainer(ToyPresets.Quick(), GaussianMixture2D.Grid(), 1);
        var g = t.Generator; var d = t.Critic;
        var rng = new TorchSharp.torch.Generator(1);
        var x = randn(100, 2);
        Console.WriteLine($"tiny op (add): {Time(10000, () => x.add(x)) * 1000:F1} us");
        Console.WriteLine($"G fwd no_grad: {Time(200, () => { using var _ = no_grad(); g.call(g.SampleLatent(100, rng, CPU), null); }):F2} ms");
        Console.WriteLine($"G fwd+bwd: {Time(200, () => g.call(g.SampleLatent(100, rng, CPU), null).sum().backward()):F2} ms");
        Console.WriteLine($"D fwd+bwd: {Time(200, () => d.call(x, null).sum().backward()):F2} ms");
        Console.WriteLine($"G adam step: {Time(200, () => t.GeneratorOptimizer.step()):F2} ms ({g.parameters().Count()} tensors)");
        Console.WriteLine($"D adam step: {Time(200, () => t.CriticOptimizer.step()):F2} ms ({d.parameters().Count()} tensors)");
        Console.WriteLine($"G zero_grad: {Time(200, () => t.GeneratorOptimizer.zero_grad()):F2} ms");
        Console.WriteLine($"full step: {Time(200, () => t.Train(t.Step + 1)):F2} ms");
        var lin = nn.Linear(400, 400); var bn = nn.BatchNorm1d(400); var relu = nn.ReLU();
        var h = randn(100, 400);
        Console.WriteLine($"linear 400: {Time(1000, () => lin.call(h)):F3} ms");
        Console.WriteLine($"bn 400: {Time(1000, () => bn.call(h)):F3} ms");
        Console.WriteLine($"relu 400: {Time(1000, () => relu.call(h)):F3} ms");
        Console.WriteLine($"G fwd no_grad again: {Time(200, () => { using var _ = no_grad(); g.call(g.SampleLatent(100, rng, CPU), null); }):F2} ms");
        var z = randn(100, 2);
        Console.WriteLine($"G fwd no_grad fixed z: {Time(200, () => { using var _ = no_grad(); g.call(z, null); }):F2} ms");
        Console.WriteLine($"randn with gen: {Time(1000, () => randn(new long[]{100, 2}, generator: rng)):F3} ms");
        var a = randn(100, 400); var w = randn(400, 400);
        Console.WriteLine($"matmul 100x400x400: {Time(1000, () => a.matmul(w)):F3} ms ({2.0 * 100 * 400 * 400 / 1e9 / (Time(1000, () => a.matmul(w)) / 1000):F1} GFLOP/s)");
    }
}
