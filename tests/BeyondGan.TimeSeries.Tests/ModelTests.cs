using System.Text;
using BeyondGan.Runtime;
using BeyondGan.Sampling;
using BeyondGan.Tabular.Data;
using BeyondGan.TimeSeries.Data;
using BeyondGan.TimeSeries.Model;

namespace BeyondGan.TimeSeries.Tests;

public sealed class ModelTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-ts-model-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    internal static readonly SequenceGanOptions Tiny = new() { Steps = 3, Hidden = 8, CriticChannels = 8, BatchSize = 16, SequenceNoise = 4, StepNoise = 2, EntityMinimumSteps = 4 };

    private static readonly SequenceOptions Reading = new() { Time = "time", Entity = ["device"] };

    private static readonly SequenceTable Devices = SequenceReader.Read(Panels.Devices(), Reading);

    private static SequenceSynthesizer FitDevices()
    {
        TorchRuntime.SetThreads(1);
        return SequenceSynthesizer.Fit(Devices, Tiny);
    }

    private static string Csv(RawTable t)
    {
        var w = new StringWriter();
        using (var writer = CsvTableWriter.Create(w, t.Columns, t.Format)) { writer.Write(t); writer.Commit(); }
        return w.ToString();
    }

    [Fact]
    public void A_panel_draw_is_in_the_input_long_format_with_fresh_entities_and_the_input_spelling()
    {
        using var model = FitDevices();
        var t = model.Sample(12, seed: 3);
        Assert.Equal(["device", "time", "kind", "value", "state"], t.Columns);
        var table = SequenceReader.Read(t, Reading with { Like = Devices.Schema });
        Assert.Equal(12, table.Sequences.Count);
        Assert.All(t.Column("kind"), k => Assert.Contains(k, new[] { "a", "b" }));
        Assert.All(t.Column("state"), s => Assert.Contains(s, new[] { "on", "off" }));
        Assert.All(t.Column("time"), s => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d$", s!));
        Assert.All(table.Sequences, s => Assert.InRange(s.Length, 1, 10));
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_shards_join_to_the_whole_draw()
    {
        using var model = FitDevices();
        string whole = Csv(RawTable.Concatenate(model.SampleChunks(25, seed: 9).ToList()));
        Assert.Equal(whole, Csv(RawTable.Concatenate(model.SampleChunks(25, seed: 9).ToList())));
        Assert.NotEqual(whole, Csv(RawTable.Concatenate(model.SampleChunks(25, seed: 10).ToList())));
    }

    [Fact]
    public void Shards_of_a_draw_join_byte_for_byte_to_the_whole()
    {
        using var model = FitDevices();
        model.ChunkOverride = 2;   // a 7-sequence draw in 4 chunks, shared out unevenly by 3 shards
        long count = 7;
        string whole = Csv(RawTable.Concatenate(model.SampleChunks(count, seed: 2).ToList()));
        var parts = Enumerable.Range(1, 3).Select(k => model.SampleChunks(count, seed: 2, shard: new Shard(k, 3)).ToList()).ToList();
        var joined = new StringBuilder();
        for (int k = 0; k < parts.Count; k++)
        {
            if (parts[k].Count == 0) continue;
            var text = Csv(RawTable.Concatenate(parts[k]));
            joined.Append(joined.Length == 0 ? text : text[(text.IndexOf('\n') + 1)..]);
        }
        Assert.Equal(whole, joined.ToString());
    }

    [Fact]
    public void Conditions_on_static_attributes_are_exact_and_unknown_ones_are_refused()
    {
        using var model = FitDevices();
        var t = model.Sample(20, [new("kind", "b")], seed: 1);
        Assert.All(t.Column("kind"), k => Assert.Equal("b", k));
        var e = Assert.Throws<ArgumentException>(() => model.Sample(5, [new("state", "on")]));
        Assert.Contains("not a static attribute", e.Message);
        Assert.ThrowsAny<Exception>(() => model.Sample(5, [new("kind", "zzz")]));
    }

    [Fact]
    public void A_longer_length_than_the_training_one_continues_the_sequence()
    {
        using var model = FitDevices();
        var t = model.Sample(3, length: 25, seed: 1);
        var table = SequenceReader.Read(t, Reading with { Like = Devices.Schema });
        Assert.All(table.Sequences, s => Assert.Equal(25, s.Length));
    }

    [Fact]
    public void The_model_file_round_trips_and_samples_the_same_bytes()
    {
        using var model = FitDevices();
        var path = Path.Combine(dir, "m.bgan");
        SequenceModelFile.Save(path, model);
        using var loaded = SequenceModelFile.Load(path);
        Assert.Equal(model.StepsTrained, loaded.StepsTrained);
        Assert.Equal(Csv(model.Sample(6, seed: 4)), Csv(loaded.Sample(6, seed: 4)));
    }

    [Fact]
    public void Truncated_foreign_and_other_version_files_are_refused_with_one_line_naming_them()
    {
        using var model = FitDevices();
        var path = Path.Combine(dir, "m.bgan");
        SequenceModelFile.Save(path, model);
        var bytes = File.ReadAllBytes(path);
        var cut = Path.Combine(dir, "cut.bgan");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => SequenceModelFile.Load(cut));
        Assert.Contains("cut.bgan", e.Message);
        Assert.Contains("truncated or corrupt", e.Message);

        var foreign = Path.Combine(dir, "table.bgan");
        File.WriteAllBytes(foreign, [.. "BGANTABL"u8.ToArray(), 1, 0, 0, 0]);
        e = Assert.Throws<InvalidDataException>(() => SequenceModelFile.Load(foreign));
        Assert.Contains("table.bgan", e.Message);
        Assert.Contains("tabular", e.Message);

        var version = Path.Combine(dir, "v9.bgan");
        var v = (byte[])bytes.Clone();
        v[8] = 9;
        File.WriteAllBytes(version, v);
        e = Assert.Throws<InvalidDataException>(() => SequenceModelFile.Load(version));
        Assert.Contains("version 9", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        // Version 1 (before the header named the model) had the same layout and holds the default model: still read.
        var one = Path.Combine(dir, "v1.bgan");
        v[8] = 1;
        File.WriteAllBytes(one, v);
        using var old = SequenceModelFile.Load(one);
        Assert.IsType<SequenceGenerator>(old.Generator);
    }

    [Fact]
    public void A_single_series_model_draws_windows_and_numbers_several_series()
    {
        TorchRuntime.SetThreads(1);
        using var model = SequenceSynthesizer.Fit(SequenceReader.Read(Panels.Series(40), new SequenceOptions { Window = 8 }), Tiny);
        var one = model.Sample(1, seed: 1, length: 30);
        Assert.Equal(["x", "y"], one.Columns);
        Assert.Equal(30, one.RowCount);
        var several = model.Sample(4, seed: 1);
        Assert.Equal(["series", "x", "y"], model.OutputColumns(4));
        Assert.Equal(["series", "x", "y"], several.Columns);
        Assert.Equal(32, several.RowCount);
        Assert.Equal(["1", "2", "3", "4"], several.Column("series").Distinct());
    }
}
