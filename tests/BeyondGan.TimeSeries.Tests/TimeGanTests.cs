using System.Text;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;
using BeyondGan.TimeSeries.Data;
using BeyondGan.TimeSeries.Model;
using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Tests;

public sealed class TimeGanTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-timegan-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static readonly SequenceGanOptions Tiny = SequenceGanOptions.TimeGanCpu with
    {
        Steps = 3, PretrainSteps = 4, Hidden = 6, Layers = 2, BatchSize = 16, EntityMinimumSteps = 4,
    };

    private static readonly SequenceOptions Reading = new() { Time = "time", Entity = ["device"] };

    private static readonly SequenceTable Devices = SequenceReader.Read(Panels.Devices(), Reading);

    private static SequenceSynthesizer Fit(SequenceGanOptions? options = null)
    {
        TorchRuntime.SetThreads(1);
        return SequenceSynthesizer.Fit(Devices, options ?? Tiny);
    }

    private static string Csv(RawTable t)
    {
        var w = new StringWriter();
        using (var writer = CsvTableWriter.Create(w, t.Columns, t.Format)) { writer.Write(t); writer.Commit(); }
        return w.ToString();
    }

    [Fact]
    public void The_three_phases_run_in_order_and_record_their_losses()
    {
        var phases = new List<string>();
        using var model = SequenceSynthesizer.Fit(Devices, Tiny, progress: (phase, _, _) => { if (phases.LastOrDefault() != phase) phases.Add(phase); });
        Assert.Equal(["entities", "embedding", "supervised", "joint"], phases);
        Assert.Equal(4 + 4 + 3, model.StepsTrained);
        Assert.True(model.IsComplete);
        var names = model.History.Columns.ToHashSet();
        foreach (var n in new[] { "embedding/reconstruction", "supervised/supervised", "joint/generator_loss", "joint/discriminator_loss", "joint/moments" })
            Assert.Contains(n, names);
    }

    [Fact]
    public void A_TimeGAN_panel_draw_keeps_the_input_format_and_exact_conditions_and_the_same_seed_gives_the_same_bytes()
    {
        using var model = Fit();
        var t = model.Sample(10, [new("kind", "b")], seed: 3);
        Assert.Equal(["device", "time", "kind", "value", "state"], t.Columns);
        Assert.All(t.Column("kind"), k => Assert.Equal("b", k));
        Assert.All(t.Column("state"), s => Assert.Contains(s, new[] { "on", "off" }));
        var table = SequenceReader.Read(t, Reading with { Like = Devices.Schema });
        Assert.Equal(10, table.Sequences.Count);
        Assert.Equal(Csv(t), Csv(model.Sample(10, [new("kind", "b")], seed: 3)));
        Assert.Equal(25, SequenceReader.Read(model.Sample(2, length: 25, seed: 1), Reading with { Like = Devices.Schema }).Sequences[0].Length);
    }

    [Fact]
    public void Training_is_reproducible_and_the_model_file_round_trips()
    {
        using var a = Fit();
        using var b = Fit();
        Assert.Equal(Csv(a.Sample(6, seed: 4)), Csv(b.Sample(6, seed: 4)));
        var path = Path.Combine(dir, "timegan.bgan");
        SequenceModelFile.Save(path, a);
        using var loaded = SequenceModelFile.Load(path);
        Assert.Equal(SequenceModelKind.TimeGan, loaded.State.Options.Model);
        Assert.IsType<TimeGan>(loaded.Generator);
        Assert.Equal(Csv(a.Sample(6, seed: 4)), Csv(loaded.Sample(6, seed: 4)));
    }

    [Fact]
    public void The_autoencoder_phase_learns_to_reconstruct()
    {
        using var model = Fit(Tiny with { PretrainSteps = 150, Steps = 1, GeneratorLearningRate = 1e-2 });
        var losses = model.History.Series("embedding/reconstruction").Select(p => p.Value).ToList();
        Assert.Equal(150, losses.Count);
        Assert.True(losses.TakeLast(10).Average() < 0.7 * losses.Take(10).Average(),
            $"reconstruction {losses.Take(10).Average():F3} → {losses.TakeLast(10).Average():F3}");
    }

    [Fact]
    public void TimeGAN_needs_two_layers()
    {
        var e = Assert.Throws<ArgumentException>(() => (Tiny with { Layers = 1 }).Validate());
        Assert.Contains("--layers", e.Message);
    }

    [Fact]
    public void The_paper_preset_is_the_paper_configuration()
    {
        var p = SequenceGanOptions.TimeGanPaper;
        Assert.Equal((SequenceModelKind.TimeGan, 24, 3, 128, 50_000L, 50_000L, 1e-3), (p.Model, p.Hidden, p.Layers, p.BatchSize, p.Steps, p.PretrainSteps!.Value, p.GeneratorLearningRate));
        Assert.Equal(150_000, p.TotalSteps);
    }

    [Fact]
    public void The_losses_are_the_papers_by_hand()
    {
        TorchRuntime.EnsureLoaded();
        // Reconstruction: 10 · √mean((x − x̃)²); differences 0.1 and 0.3 → 10 · √0.05.
        var x = tensor(new float[] { 0.5f, 0.5f }).reshape(1, 2, 1);
        var r = tensor(new float[] { 0.4f, 0.8f }).reshape(1, 2, 1);
        Assert.Equal(10 * Math.Sqrt(0.05), TimeGanLosses.Reconstruction(x, r).item<float>(), 4);
        // Supervised: h_{t+1} against s_t; three steps, the last one padding (its pair left out).
        var h = tensor(new float[] { 0f, 1f, 9f }).reshape(1, 3, 1);
        var s = tensor(new float[] { 0.5f, 7f, 3f }).reshape(1, 3, 1);
        var mask = tensor(new float[] { 1f, 1f, 0f }).reshape(1, 3, 1);
        Assert.Equal(0.25 / 2, TimeGanLosses.Supervised(h, s, mask).item<float>(), 5);
        // Moments over the batch: real {0, 2} (mean 1, sd 1), generated {1, 1} (mean 1, sd 0) → |√1e-6 − √(1 + 1e-6)| + 0.
        var real = tensor(new float[] { 0f, 2f }).reshape(2, 1, 1);
        var fake = tensor(new float[] { 1f, 1f }).reshape(2, 1, 1);
        Assert.Equal(Math.Sqrt(1 + 1e-6) - Math.Sqrt(1e-6), TimeGanLosses.Moments(real, fake).item<float>(), 5);
    }

    [Fact]
    public void Numbers_enter_in_the_papers_zero_to_one_scale_and_come_back()
    {
        TorchRuntime.EnsureLoaded();
        using var net = new TimeGan(3, [(0, new OutputSpan(1, SpanActivation.Tanh)), (1, new OutputSpan(2, SpanActivation.Softmax))], 0, 4, 2);
        var x = tensor(new float[] { -1f, 0f, 1f, 1f, 1f, 0f }).reshape(1, 2, 3);
        var unit = net.ToUnit(x, ones(1, 2, 1)).data<float>().ToArray();
        Assert.Equal(new float[] { 0f, 0f, 1f, 1f, 1f, 0f }, unit);
        using var _ = no_grad();
        var y = net.call(rand(1, 2 * 3), ones(1, 2)).data<float>().ToArray();
        Assert.InRange(y[0], -1f, 1f);
        Assert.Equal(1f, y[1] + y[2], 4);   // a category block is a distribution
    }
}
