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
        File.WriteAllText(P("real.txt"), "a cat sat on the mat.\nthe dog ran in the park.\na bird flew over the house.\n");
        File.WriteAllText(P("gen.txt"), "a cat sat in the park.\nthe dog flew over the mat.\n");
        var (exit, output) = CliRunner.Run("text", "evaluate", "--real", P("real.txt"), "--synthetic", P("gen.txt"), "--train", P("real.txt"), "--json", P("s.json"));
        Assert.True(exit == 0, output);
        Assert.Contains("BLEU-2", output);
        using var json = JsonDocument.Parse(File.ReadAllText(P("s.json")));
        Assert.Equal(2, json.RootElement.GetProperty("synthetic_sentences").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("bleu").GetProperty("bleu2").GetDouble(), 0.3, 1);
        Assert.Equal(0, json.RootElement.GetProperty("copied").GetDouble());
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
}
