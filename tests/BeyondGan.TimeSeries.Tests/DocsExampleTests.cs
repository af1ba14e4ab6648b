using BeyondGan.TimeSeries.Data;
using BeyondGan.TimeSeries.Demo;
using BeyondGan.TimeSeries.Model;

namespace BeyondGan.TimeSeries.Tests;

/// <summary>The package README's example (src/BeyondGan.TimeSeries/README.md), with fewer steps.</summary>
public sealed class DocsExampleTests
{
    [Fact]
    public void The_readme_example_runs_and_its_condition_is_exact()
    {
        BeyondGan.Runtime.TorchRuntime.SetThreads(1);
        var raw = DemoPanel.Generate(60);
        var panel = SequenceReader.Read(raw, new SequenceOptions { Time = "timestamp", Entity = ["machine"] });
        using var model = SequenceSynthesizer.Fit(panel, ModelTests.Tiny with { Seed = 1 });
        var path = Path.Combine(Path.GetTempPath(), $"bgan-readme-{Guid.NewGuid():N}.bgan");
        try
        {
            SequenceModelFile.Save(path, model);
            var coast = model.Sample(10, [new("site", "coast")], seed: 2);
            Assert.Equal(10, coast.Column("machine").Distinct().Count());
            Assert.All(coast.Column("site"), s => Assert.Equal("coast", s));
            Assert.Equal(DemoPanel.Columns, coast.Columns);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void The_demo_panel_reads_as_documented()
    {
        var panel = SequenceReader.Read(DemoPanel.Generate(40), new SequenceOptions { Time = "timestamp", Entity = ["machine"] });
        Assert.Equal(40, panel.Sequences.Count);
        Assert.Equal(["model", "site"], panel.Schema.Static.Select(c => c.Name));
        Assert.Equal(["state", "temperature", "power_kw"], panel.Schema.Features.Select(c => c.Name));
        Assert.All(panel.Sequences, s => Assert.InRange(s.Length, 20, 48));
        Assert.Contains(panel.Table.Column("power_kw"), v => v is null);
    }
}
