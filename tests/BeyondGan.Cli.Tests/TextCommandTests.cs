using System.Text.Json;

namespace BeyondGan.Cli.Tests;

public sealed class TextCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-text-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string P(string name) => Path.Combine(dir, name);

    [Fact]
    public void Evaluate_prints_the_scores_and_writes_JSON()
    {
        File.WriteAllText(P("real.txt"), "a cat sat on the mat.\nthe dog ran in the park.\na bird flew over the house.\na horse stood in the field.\n");
        File.WriteAllText(P("gen.txt"), "a cat sat in the park.\nthe dog flew over the mat.\n");
        var (exit, output) = CliRunner.Run("text", "evaluate", "--real", P("real.txt"), "--synthetic", P("gen.txt"), "--train", P("real.txt"), "--json", P("s.json"), "--embedding-distance");
        Assert.True(exit == 0, output);
        Assert.Contains("BLEU-2", output);
        using var json = JsonDocument.Parse(File.ReadAllText(P("s.json")));
        Assert.Equal(2, json.RootElement.GetProperty("synthetic_sentences").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("bleu").GetProperty("bleu2").GetDouble(), 0.3, 1);
        Assert.Equal(0, json.RootElement.GetProperty("copied").GetDouble());
        var fed = json.RootElement.GetProperty("embedding_distance");
        Assert.Equal(2, fed.GetProperty("sentences").GetInt32());
        Assert.True(fed.GetProperty("distance").GetDouble() >= 0 && fed.GetProperty("floor").GetDouble() >= 0);
        Assert.Contains("embedding FD", output);
    }

    [Fact]
    public void Bad_input_gives_one_line_errors_a_non_zero_exit_and_no_output_file()
    {
        File.WriteAllBytes(P("bin.txt"), [0x7f, 0x45, 0x4c, 0x46, 0, 1]);
        File.WriteAllText(P("ok.txt"), "a cat .\n");
        foreach (var (args, expected) in new (string[], string)[]
        {
            (["text", "evaluate", "--real", P("missing.txt"), "--synthetic", P("ok.txt"), "--json", P("s.json")], "missing.txt"),
            (["text", "evaluate", "--real", P("bin.txt"), "--synthetic", P("ok.txt"), "--json", P("s.json")], "bin.txt, line 1"),
            (["text", "evaluate", "--real", P("ok.txt"), "--json", P("s.json")], "--synthetic"),
        })
        {
            var (exit, output) = CliRunner.Run(args);
            Assert.NotEqual(0, exit);
            Assert.Contains(expected, output);
            Assert.Single(output.Trim().Split('\n'));
            Assert.False(File.Exists(P("s.json")));
        }
    }

    [Fact]
    public void Fit_and_sample_write_a_model_and_the_same_file_for_the_same_seed()
    {
        File.WriteAllText(P("train.txt"), string.Join("\n", Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? $"a dog sat on mat {i % 5}." : $"the cat ran in park {i % 3}.")) + "\n");
        var (exit, output) = CliRunner.Run("text", "fit", P("train.txt"), "--out", P("m.bgan"), "--steps", "30", "--hidden", "16", "--embedding", "8", "--batch-size", "8", "--monitor-every", "15", "--threads", "1");
        Assert.True(exit == 0, output);
        Assert.Contains("Trained 30 steps", output);
        Assert.Contains("step 15: BLEU-2..5", output);
        (exit, output) = CliRunner.Run("text", "sample", P("m.bgan"), "--count", "40", "--out", P("a.txt"), "--seed", "3", "--temperature", "0.7");
        Assert.True(exit == 0, output);
        Assert.Equal(40, File.ReadAllLines(P("a.txt")).Length);
        Assert.Equal(0, CliRunner.Run("text", "sample", P("m.bgan"), "--count", "40", "--out", P("b.txt"), "--seed", "3", "--temperature", "0.7").Exit);
        Assert.Equal(File.ReadAllBytes(P("a.txt")), File.ReadAllBytes(P("b.txt")));
        (exit, output) = CliRunner.Run("text", "evaluate", "--real", P("train.txt"), "--synthetic", P("a.txt"), "--model", P("m.bgan"), "--temperatures", "0.5,1",
            "--sweep-count", "20", "--report", P("r.html"), "--json", P("r.json"), "--threads", "1");
        Assert.True(exit == 0, output);
        var html = File.ReadAllText(P("r.html"));
        Assert.Contains("Quality and diversity", html);
        Assert.Contains("data:image/png;base64,", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", ""));
        using (var json = JsonDocument.Parse(File.ReadAllText(P("r.json"))))
            Assert.Equal(2, json.RootElement.GetProperty("curve").GetArrayLength());

        foreach (var (args, expected) in new (string[], string)[]
        {
            (["text", "sample", P("m.bgan"), "--count", "5", "--out", P("c.txt"), "--temperature", "0"], "--temperature"),
            (["text", "sample", P("train.txt"), "--count", "5", "--out", P("c.txt")], "train.txt"),
            (["text", "fit", P("train.txt"), "--out", P("c.bgan"), "--model", "gpt"], "--model gpt"),
            (["text", "fit", P("nothing.txt"), "--out", P("c.bgan")], "nothing.txt"),
        })
        {
            (exit, output) = CliRunner.Run(args);
            Assert.NotEqual(0, exit);
            Assert.Contains(expected, output);
            Assert.Single(output.Trim().Split('\n'));
        }
        Assert.False(File.Exists(P("c.txt")));
        Assert.False(File.Exists(P("c.bgan")));
    }

    [Fact]
    public void Fit_trains_RelGAN_after_its_MLE_pre_training()
    {
        File.WriteAllText(P("train.txt"), string.Join("\n", Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? $"a dog sat on mat {i % 5}." : $"the cat ran in park {i % 3}.")) + "\n");
        var (exit, output) = CliRunner.Run("text", "fit", P("train.txt"), "--out", P("rg.bgan"), "--model", "relgan", "--steps", "10", "--adversarial-steps", "4",
            "--hidden", "16", "--embedding", "8", "--batch-size", "8", "--critic-filters", "4", "--monitor-every", "0", "--threads", "1");
        Assert.True(exit == 0, output);
        Assert.Contains("Trained 14 steps", output);
        Assert.Equal(0, CliRunner.Run("text", "sample", P("rg.bgan"), "--count", "5", "--out", P("rg.txt")).Exit);
        Assert.Equal(5, File.ReadAllLines(P("rg.txt")).Length);
    }

    [Fact]
    public void Fit_trains_SeqGAN_on_sub_words_with_the_relational_memory_and_refuses_unknown_networks()
    {
        File.WriteAllText(P("train.txt"), string.Join("\n", Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? $"a dog sat on mat {i % 5}." : $"the cat ran in park {i % 3}.")) + "\n");
        var (exit, output) = CliRunner.Run("text", "fit", P("train.txt"), "--out", P("sg.bgan"), "--model", "seqgan", "--generator", "rmc", "--subwords", "12",
            "--heads", "2", "--head-size", "4", "--steps", "10", "--critic-pretrain-steps", "2", "--adversarial-steps", "2", "--rollouts", "2",
            "--embedding", "8", "--batch-size", "8", "--critic-filters", "4", "--monitor-every", "0", "--threads", "1");
        Assert.True(exit == 0, output);
        Assert.Contains("Trained 14 steps", output);
        Assert.Equal(0, CliRunner.Run("text", "sample", P("sg.bgan"), "--count", "5", "--out", P("sg.txt"), "--min-length", "3").Exit);
        Assert.All(File.ReadAllLines(P("sg.txt")), l => Assert.True(l.Split(' ').Length >= 3, l));
        (exit, output) = CliRunner.Run("text", "fit", P("train.txt"), "--out", P("bad.bgan"), "--generator", "gru", "--steps", "2");
        Assert.NotEqual(0, exit);
        Assert.Contains("--generator gru", output);
        Assert.Single(output.Trim().Split('\n'));
        Assert.False(File.Exists(P("bad.bgan")));
    }

    [Fact]
    public void The_demo_runs_without_data()
    {
        var (exit, output) = CliRunner.Run("text", "demo", "--sentences", "200", "--steps", "40", "--threads", "1");
        Assert.True(exit == 0, output);
        Assert.Contains("grammatical", output);
        Assert.Contains("Self-BLEU", output);
    }
}
