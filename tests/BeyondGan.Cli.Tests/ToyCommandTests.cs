using System.Text.Json;

namespace BeyondGan.Cli.Tests;

public class ToyCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("beyondgan-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string P(string name) => Path.Combine(dir, name);

    private static readonly string[] Tiny = { "toy", "--dataset", "ring", "--preset", "best", "--steps", "30", "--seed", "4" };

    [Fact]
    public void Writes_json_with_the_protocol_metrics_and_a_png_plot()
    {
        var (exit, output) = CliRunner.Run(Tiny.Concat(new[] { "--json", P("r.json"), "--plot", P("r.png"), "--history", P("h.csv") }).ToArray());
        Assert.True(exit == 0, output);
        using var doc = JsonDocument.Parse(File.ReadAllText(P("r.json")));
        var root = doc.RootElement;
        Assert.InRange(root.GetProperty("modes").GetInt32(), 0, 8);
        Assert.InRange(root.GetProperty("high_quality_fraction").GetDouble(), 0, 1);
        Assert.True(root.TryGetProperty("reverse_kl", out _));
        var png = File.ReadAllBytes(P("r.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.StartsWith("step,critic_loss,generator_loss", File.ReadAllLines(P("h.csv"))[0]);
        Assert.Equal(31, File.ReadAllLines(P("h.csv")).Length);
        Assert.Contains("modes", output);
    }

    [Fact]
    public void Rejection_sampling_evaluates_the_requested_sample_count()
    {
        var (exit, output) = CliRunner.Run(Tiny.Concat(new[] { "--rejection-sampling", "--json", P("r.json") }).ToArray());
        Assert.True(exit == 0, output);
        using var doc = JsonDocument.Parse(File.ReadAllText(P("r.json")));
        Assert.InRange(doc.RootElement.GetProperty("high_quality_fraction").GetDouble(), 0, 1);
    }

    [Fact]
    public void Same_seed_gives_byte_identical_json()
    {
        Assert.Equal(0, CliRunner.Run(Tiny.Concat(new[] { "--json", P("a.json") }).ToArray()).Exit);
        Assert.Equal(0, CliRunner.Run(Tiny.Concat(new[] { "--json", P("b.json") }).ToArray()).Exit);
        Assert.Equal(File.ReadAllBytes(P("a.json")), File.ReadAllBytes(P("b.json")));
    }

    [Fact]
    public void Checkpoint_then_resume_continues_the_run()
    {
        Assert.Equal(0, CliRunner.Run("toy", "--dataset", "ring", "--steps", "20", "--checkpoint", P("c.ckpt")).Exit);
        var (exit, output) = CliRunner.Run("toy", "--dataset", "ring", "--steps", "30", "--resume", P("c.ckpt"), "--json", P("r.json"));
        Assert.True(exit == 0, output);
        using var doc = JsonDocument.Parse(File.ReadAllText(P("r.json")));
        Assert.Equal(30, doc.RootElement.GetProperty("steps").GetInt64());
    }

    [Theory]
    [InlineData("--no-such-option", "no-such-option")]
    [InlineData("--dataset moon", "Unknown dataset 'moon'")]
    [InlineData("--preset fancy", "Unknown preset 'fancy'")]
    [InlineData("--loss nope", "Unknown loss 'nope'")]
    [InlineData("--pac 3", "divisible by --pac 3")]
    [InlineData("--steps 0", "--steps must be positive")]
    [InlineData("--device tpu", "Unknown device 'tpu'")]
    [InlineData("--pac 2 --rejection-sampling", "Rejection sampling needs a critic that scores single samples")]
    [InlineData("--seed abc", "abc")]
    [InlineData("--lr-decay 1.5", "--lr-decay must be a fraction of the run from 0 to 1")]
    public void Bad_options_give_one_line_errors_and_non_zero_exit(string extra, string expected)
    {
        var (exit, output) = CliRunner.Run(new[] { "toy" }.Concat(extra.Split(' ')).ToArray());
        Assert.NotEqual(0, exit);
        Assert.Contains(expected, output);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    [Fact]
    public void Output_into_a_missing_folder_is_refused_before_training()
    {
        var (exit, output) = CliRunner.Run("toy", "--steps", "5", "--json", P("missing/x.json"));
        Assert.NotEqual(0, exit);
        Assert.Contains("does not exist", output);
        Assert.False(Directory.Exists(P("missing")));
    }

    [Fact]
    public void A_corrupt_checkpoint_is_refused_clearly_and_nothing_is_written()
    {
        File.WriteAllText(P("bad.ckpt"), "not a checkpoint");
        var (exit, output) = CliRunner.Run("toy", "--steps", "5", "--resume", P("bad.ckpt"), "--json", P("out.json"));
        Assert.NotEqual(0, exit);
        Assert.Contains("not a BeyondGan checkpoint", output);
        Assert.False(File.Exists(P("out.json")));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void A_missing_resume_file_is_named()
    {
        var (exit, output) = CliRunner.Run("toy", "--resume", P("nope.ckpt"));
        Assert.NotEqual(0, exit);
        Assert.Contains("nope.ckpt", output);
    }
}
