using BeyondGan.Regularizers;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using BeyondGan.Tabular.Transform;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Tabular.Tests;

public class ModelTests
{
    private static (DataTransformer T, RawTable Table) Mixed()
    {
        var table = TestTables.Mixed(200);
        return (DataTransformer.Fit(table, SchemaInference.Infer(table)), table);
    }

    [Fact]
    public void GeneratorHeadsGiveOneHotBlocksAndBoundedAlphas()
    {
        var (t, _) = Mixed();
        Seeding.Seed(1);
        using var g = new TabularGenerator(16, t.ConditionWidth, [32], t.Spans, tau: 0.2);
        g.eval();
        using var _ = no_grad();
        var x = g.call(randn(64, 16), zeros(64, t.ConditionWidth));
        Assert.Equal(new long[] { 64, t.Width }, x.shape);
        var data = x.data<float>().ToArray();
        for (int r = 0; r < 64; r++)
            foreach (var (offset, span) in t.Spans)
            {
                var block = data.AsSpan(r * t.Width + offset, span.Size).ToArray();
                if (span.Activation == SpanActivation.Softmax) Assert.Equal(1.0, block.Sum(), 4);
                else Assert.InRange(block[0], -1f, 1f);
            }
    }

    [Fact]
    public void ConditionalCrossEntropyEqualsPerColumnCrossEntropy()
    {
        var (t, _) = Mixed();
        Seeding.Seed(2);
        using var g = new TabularGenerator(8, t.ConditionWidth, [16], t.Spans);
        g.train();
        var c = zeros(6, t.ConditionWidth);
        // Rows 0-2 conditioned on "flag" levels, rows 3-5 on "group" levels.
        var flag = t.FindDiscrete("flag")!; var group = t.FindDiscrete("group")!;
        c[0, flag.ConditionOffset] = 1; c[1, flag.ConditionOffset + 1] = 1; c[2, flag.ConditionOffset] = 1;
        c[3, group.ConditionOffset + 1] = 1; c[4, group.ConditionOffset] = 1; c[5, group.ConditionOffset + 1] = 1;
        var fake = g.call(randn(6, 8), c);
        var raw = g.LastRawOutput!;
        var term = new ConditionalCrossEntropy(t).GeneratorPenalty(new GeneratorPenaltyInputs(g, null!, fake, randn(6, 8), c, zeros(6), new torch.Generator(1)))!;
        double expected = 0;
        var r = raw.detach().data<float>().ToArray();
        int[] levels = [0, 1, 0, 1, 0, 1];
        for (int i = 0; i < 6; i++)
        {
            var d = i < 3 ? flag : group;
            var logits = Enumerable.Range(0, d.Size).Select(k => (double)r[i * t.Width + d.DataOffset + k]).ToArray();
            double max = logits.Max();
            double logSum = max + Math.Log(logits.Sum(v => Math.Exp(v - max)));
            expected += logSum - logits[levels[i]];
        }
        Assert.Equal(expected / 6, term.item<float>(), 4);
    }

    private static readonly CtganOptions Tiny = new()
    {
        Epochs = 3, BatchSize = 40, Pac = 4, LatentSize = 16, GeneratorDims = [32, 32], CriticDims = [32, 32], Seed = 5,
    };

    [Fact]
    public void SamplingRespectsConditionsExactly()
    {
        var table = TestTables.Mixed(200);
        using var model = CtganSynthesizer.Fit(table, SchemaInference.Infer(table), Tiny);
        var s = model.Sample(300, [new("flag", "rare"), new("group", "H")], seed: 3);
        Assert.All(s.Column("flag"), v => Assert.Equal("rare", v));
        Assert.All(s.Column("group"), v => Assert.Equal("H", v));
        Assert.Equal(300, s.RowCount);
    }

    [Fact]
    public void StratifiedSamplingGivesTheTrainingProportionsExactly()
    {
        var table = TestTables.Mixed(200);
        using var model = CtganSynthesizer.Fit(table, SchemaInference.Infer(table), Tiny);
        var real = table.Column("group").GroupBy(v => v).ToDictionary(g => g.Key!, g => g.Count() / 200.0);
        var s = model.Sample(301, seed: 3, stratify: "group");
        var counts = s.Column("group").GroupBy(v => v).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(real.Keys.Order(), counts.Keys.Order());
        Assert.All(real, p => Assert.InRange(counts[p.Key] - p.Value * 301, -1.0, 1.0));
        Assert.Equal(301, counts.Values.Sum());
        Assert.Equal(s.Column("x"), model.Sample(301, seed: 3, stratify: "group").Column("x"));

        // Only the surplus rows of the unconditional draw are replaced; the rest are that draw's rows.
        var plain = model.Sample(301, seed: 3);
        int replaced = plain.Column("group").GroupBy(v => v).Sum(g => Math.Max(0, g.Count() - counts[g.Key!]));
        int kept = Enumerable.Range(0, 301).Count(r => plain.Column("x")[r] == s.Column("x")[r] && plain.Column("group")[r] == s.Column("group")[r]);
        Assert.Equal(301 - replaced, kept);

        Assert.Contains("cannot be combined with --condition",
            Assert.Throws<ArgumentException>(() => model.Sample(10, [new("flag", "rare")], stratify: "group")).Message);
        Assert.Contains("--stratify x: 'x' is not a categorical or boolean column",
            Assert.Throws<ArgumentException>(() => model.Sample(10, stratify: "x")).Message);
    }

    [Theory]
    [InlineData("nope", "x", "the model has no column 'nope'")]
    [InlineData("x", "3", "'x' is not a categorical or boolean column")]
    [InlineData("flag", "unseen", "'unseen' is not a category of 'flag' seen in training (known: common, rare)")]
    public void BadConditionsAreClearErrors(string column, string value, string expected)
    {
        var table = TestTables.Mixed(100);
        using var model = CtganSynthesizer.Fit(table, SchemaInference.Infer(table), Tiny with { Epochs = 1 });
        var e = Assert.Throws<ArgumentException>(() => model.Sample(10, [new(column, value)]));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void SameSeedSameOutputAndModelFileRoundTrips()
    {
        var table = TestTables.Mixed(200);
        var schema = SchemaInference.Infer(table);
        using var a = CtganSynthesizer.Fit(table, schema, Tiny);
        using var b = CtganSynthesizer.Fit(table, schema, Tiny);
        string Csv(RawTable t) { var w = new StringWriter(); CsvTableWriter.Write(w, t); return w.ToString(); }
        var sa = Csv(a.Sample(500, seed: 9));
        Assert.Equal(sa, Csv(b.Sample(500, seed: 9)));
        Assert.NotEqual(sa, Csv(a.Sample(500, seed: 10)));

        var path = Path.Combine(Path.GetTempPath(), $"bgan-{Guid.NewGuid():N}.bgan");
        try
        {
            TabularModelFile.Save(path, a);
            using var loaded = TabularModelFile.Load(path);
            Assert.Equal(sa, Csv(loaded.Sample(500, seed: 9)));
            Assert.Equal(Tiny.Epochs, loaded.EpochsTrained);
            Assert.True(loaded.IsComplete);
            Assert.Equal(a.History.ToJson(), loaded.History.ToJson());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void BrokenModelFilesAreClearErrors()
    {
        var table = TestTables.Mixed(100);
        using var model = CtganSynthesizer.Fit(table, SchemaInference.Infer(table), Tiny with { Epochs = 1 });
        var path = Path.Combine(Path.GetTempPath(), $"bgan-{Guid.NewGuid():N}.bgan");
        try
        {
            TabularModelFile.Save(path, model);
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
            var e = Assert.Throws<InvalidDataException>(() => TabularModelFile.Load(path));
            Assert.StartsWith($"{path}: the model file is truncated or corrupt", e.Message);

            var other = (byte[])bytes.Clone();
            BitConverter.GetBytes(99).CopyTo(other, 8);
            File.WriteAllBytes(path, other);
            e = Assert.Throws<InvalidDataException>(() => TabularModelFile.Load(path));
            Assert.Contains("model format version 99", e.Message);

            File.WriteAllText(path, "age,income\n1,2\n");
            e = Assert.Throws<InvalidDataException>(() => TabularModelFile.Load(path));
            Assert.Contains("not a BeyondGan tabular model", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void OptionsAreValidated()
    {
        var e = Assert.Throws<ArgumentException>(() => (Tiny with { BatchSize = 42 }).Validate());
        Assert.Contains("--batch-size 42 must be a multiple of --pac 4", e.Message);
        var table = TestTables.Mixed(5);
        var e2 = Assert.Throws<TabularDataException>(() => CtganSynthesizer.Prepare(table, SchemaInference.Infer(table), Tiny));
        Assert.Contains("too few to learn from", e2.Message);
    }

    [Fact]
    public void An_interrupted_fit_keeps_a_model_that_samples_and_says_it_is_incomplete()
    {
        var table = TestTables.Mixed(200);
        var prepared = CtganSynthesizer.Prepare(table, SchemaInference.Infer(table), Tiny with { Epochs = 50 });
        using var model = prepared.CreateModel();
        using var cts = new CancellationTokenSource();
        var outcome = model.Train(prepared, p => { if (p.Step == 12) cts.Cancel(); }, cts.Token);
        Assert.Equal(TrainingOutcome.Cancelled, outcome);
        Assert.Equal(2, model.EpochsTrained);   // 5 steps per epoch: two whole epochs done when step 12 finished
        Assert.False(model.IsComplete);
        var path = Path.Combine(Path.GetTempPath(), $"bgan-{Guid.NewGuid():N}.bgan");
        try
        {
            TabularModelFile.Save(path, model);
            using var loaded = TabularModelFile.Load(path);
            Assert.False(loaded.IsComplete);
            Assert.Equal(20, loaded.Sample(20, seed: 1).RowCount);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Generator_ema_replaces_the_weights_and_keeps_sampling_deterministic()
    {
        var table = TestTables.Mixed(200);
        var schema = SchemaInference.Infer(table);
        using var plain = CtganSynthesizer.Fit(table, schema, Tiny with { GeneratorEma = null });
        using var a = CtganSynthesizer.Fit(table, schema, Tiny with { GeneratorEma = 0.9 });
        using var b = CtganSynthesizer.Fit(table, schema, Tiny with { GeneratorEma = 0.9 });
        string Csv(RawTable t) { var w = new StringWriter(); CsvTableWriter.Write(w, t); return w.ToString(); }
        Assert.Equal(Csv(a.Sample(300, seed: 4)), Csv(b.Sample(300, seed: 4)));
        Assert.NotEqual(Csv(plain.Sample(300, seed: 4)), Csv(a.Sample(300, seed: 4)));
        Assert.All(a.Generator.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
        Assert.Throws<ArgumentException>(() => (Tiny with { GeneratorEma = 1.0 }).Validate());
    }

    [Fact]
    public void The_fast_step_options_train_deterministically_and_survive_the_model_file()
    {
        var table = TestTables.Mixed(200);
        var schema = SchemaInference.Infer(table);
        var fast = Tiny with { Precision = BeyondGan.Runtime.ComputePrecision.BFloat16, ReuseCriticFakes = true, GradientPenaltyFraction = 0.5 };
        using var paper = CtganSynthesizer.Fit(table, schema, Tiny with { Precision = BeyondGan.Runtime.ComputePrecision.Float32, ReuseCriticFakes = false, GradientPenaltyFraction = 1, JointCriticPass = false });
        using var a = CtganSynthesizer.Fit(table, schema, fast);
        using var b = CtganSynthesizer.Fit(table, schema, fast);
        string Csv(RawTable t) { var w = new StringWriter(); CsvTableWriter.Write(w, t); return w.ToString(); }
        var sa = Csv(a.Sample(300, seed: 4));
        Assert.Equal(sa, Csv(b.Sample(300, seed: 4)));
        Assert.NotEqual(Csv(paper.Sample(300, seed: 4)), sa);
        var path = Path.Combine(Path.GetTempPath(), $"bgan-{Guid.NewGuid():N}.bgan");
        try
        {
            TabularModelFile.Save(path, a);
            using var loaded = TabularModelFile.Load(path);
            Assert.Equal(fast.Precision, loaded.Options.Precision);
            Assert.True(loaded.Options.ReuseCriticFakes);
            Assert.True(loaded.Options.JointCriticPass);
            Assert.Equal(0.5, loaded.Options.GradientPenaltyFraction);
            Assert.Equal(sa, Csv(loaded.Sample(300, seed: 4)));
        }
        finally { File.Delete(path); }
        var e = Assert.Throws<ArgumentException>(() => (Tiny with { GradientPenaltyFraction = 0 }).Validate());
        Assert.Contains("--penalty-fraction must be in (0, 1]", e.Message);
    }

    [Fact]
    public void A_model_file_written_before_the_precision_option_samples_in_float32()
    {
        var table = TestTables.Mixed(200);
        using var model = CtganSynthesizer.Fit(table, SchemaInference.Infer(table), Tiny with { Precision = BeyondGan.Runtime.ComputePrecision.BFloat16 });
        var path = Path.Combine(Path.GetTempPath(), $"bgan-{Guid.NewGuid():N}.bgan");
        try
        {
            TabularModelFile.Save(path, model);
            // Rewrite the header section without Options.Precision, as files written before it existed are.
            var bytes = File.ReadAllBytes(path);
            int headerStart = TabularModelFile.Magic.Length + 4; // magic, format version
            using var input = new BinaryReader(new MemoryStream(bytes));
            input.ReadBytes(headerStart);
            long length = input.ReadInt64();
            var json = new BinaryReader(new MemoryStream(input.ReadBytes((int)length))).ReadString();
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
            Assert.True(node["Options"]!.AsObject().Remove("Precision"));
            var section = new MemoryStream();
            using (var w = new BinaryWriter(section, System.Text.Encoding.UTF8, leaveOpen: true)) w.Write(node.ToJsonString());
            using (var output = new BinaryWriter(File.Create(path)))
            {
                output.Write(bytes, 0, headerStart);
                output.Write(section.Length);
                output.Write(section.ToArray());
                output.Write(bytes, headerStart + 8 + (int)length, bytes.Length - headerStart - 8 - (int)length);
            }
            using var loaded = TabularModelFile.Load(path);
            Assert.Equal(BeyondGan.Runtime.ComputePrecision.Float32, loaded.Options.Precision);
        }
        finally { File.Delete(path); }
    }
}
