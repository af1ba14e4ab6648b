using System.Globalization;

namespace BeyondGan.Cli.Tests;

public sealed class TimeSeriesCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-ts-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string P(string name) => Path.Combine(dir, name);

    private static readonly string[] Small = ["--steps", "3", "--hidden", "8", "--batch-size", "16", "--entity-steps", "4", "--threads", "1"];
    private static readonly string[] Roles = ["--time", "time", "--entity", "device"];

    private string WritePanel(int entities = 24)
    {
        var rng = new Random(3);
        var lines = new List<string> { "device,time,kind,value,state" };
        for (int e = 0; e < entities; e++)
        {
            string kind = e % 2 == 0 ? "a" : "b";
            var t = new DateTime(2026, 1, 1).AddMinutes(rng.Next(500));
            for (int i = 0; i < 6 + rng.Next(4); i++)
            {
                t = t.AddMinutes(10 + rng.Next(5));
                lines.Add(FormattableString.Invariant($"d{e},{t:yyyy-MM-dd HH:mm},{kind},{(kind == "a" ? 3 : 7) + Math.Sin(i):F2},{(i % 2 == 0 ? "on" : "off")}"));
            }
        }
        var path = P("panel.csv");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Fact]
    public void Schema_prints_each_column_role_and_the_sequences()
    {
        var (exit, output) = CliRunner.Run(["timeseries", "schema", WritePanel(), .. Roles, "--json", P("schema.json")]);
        Assert.True(exit == 0, output);
        Assert.Contains("static", output);
        Assert.Contains("24 entities", output);
        Assert.Contains("irregular steps", output);
        Assert.Contains("\"role\": \"static\"", File.ReadAllText(P("schema.json")));
    }

    [Fact]
    public void Fit_sample_and_evaluate_work_end_to_end_with_exact_conditions_shards_and_a_report()
    {
        var data = WritePanel();
        var (exit, output) = CliRunner.Run(["timeseries", "fit", data, .. Roles, "--out", P("m.bgan"), .. Small]);
        Assert.True(exit == 0, output);
        (exit, output) = CliRunner.Run("timeseries", "sample", P("m.bgan"), "--count", "10", "--out", P("s.csv"), "--condition", "kind=b", "--seed", "2");
        Assert.True(exit == 0, output);
        var lines = File.ReadAllLines(P("s.csv"));
        Assert.Equal("device,time,kind,value,state", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Equal("b", l.Split(',')[2]));
        Assert.Equal(10, lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());

        // Same seed, same bytes.
        Assert.Equal(0, CliRunner.Run("timeseries", "sample", P("m.bgan"), "--count", "10", "--out", P("s2.csv"), "--condition", "kind=b", "--seed", "2").Exit);
        Assert.Equal(File.ReadAllBytes(P("s.csv")), File.ReadAllBytes(P("s2.csv")));

        Assert.Equal(0, CliRunner.Run("timeseries", "sample", P("m.bgan"), "--count", "30", "--out", P("all.csv")).Exit);
        (exit, output) = CliRunner.Run(["timeseries", "evaluate", "--real", data, "--synthetic", P("all.csv"), .. Roles, "--repeats", "1", "--no-context-fid",
            "--json", P("m.json"), "--report", P("r.html"), "--threads", "1"]);
        Assert.True(exit == 0, output);
        Assert.Contains("discriminative", output);
        var json = File.ReadAllText(P("m.json"));
        Assert.Contains("\"repeats\": 1", json);
        Assert.Contains("\"attribute_quality\"", json);
        var html = File.ReadAllText(P("r.html"));
        Assert.Contains("t-SNE", html);
        Assert.Contains("data:image/png;base64,", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public void Bad_input_gives_one_line_errors_a_non_zero_exit_and_no_output_file()
    {
        var data = WritePanel();
        var (exit, output) = CliRunner.Run(["timeseries", "fit", P("missing.csv"), .. Roles, "--out", P("m.bgan"), .. Small]);
        Assert.NotEqual(0, exit);
        Assert.Contains("missing.csv", output);
        Assert.False(File.Exists(P("m.bgan")));

        File.WriteAllText(P("badtime.csv"), "device,time,value\nd1,2026-01-01 00:00,1\nd1,soon,2\nd2,2026-01-01 00:00,3\nd2,2026-01-01 00:10,4\n");
        (exit, output) = CliRunner.Run(["timeseries", "fit", P("badtime.csv"), .. Roles, "--out", P("m.bgan"), .. Small]);
        Assert.Equal(2, exit);
        Assert.Contains("badtime.csv", output);
        Assert.Contains("line 3", output);
        Assert.False(File.Exists(P("m.bgan")));

        (exit, output) = CliRunner.Run(["timeseries", "schema", data, "--time", "when"]);
        Assert.Equal(2, exit);
        Assert.Contains("no column 'when'", output);

        Assert.Equal(0, CliRunner.Run(["timeseries", "fit", data, .. Roles, "--out", P("m.bgan"), .. Small]).Exit);
        (exit, output) = CliRunner.Run("timeseries", "sample", P("m.bgan"), "--count", "5", "--out", P("s.csv"), "--condition", "state=on");
        Assert.Equal(2, exit);
        Assert.Contains("not a static attribute", output);
        Assert.False(File.Exists(P("s.csv")));

        (exit, output) = CliRunner.Run("timeseries", "sample", P("m.bgan"), "--count", "5", "--out", P("s.csv"), "--condition", "kind=zzz");
        Assert.NotEqual(0, exit);
        Assert.Contains("zzz", output);
        Assert.False(File.Exists(P("s.csv")));

        File.WriteAllText(P("foreign.bgan"), "not a model at all");
        (exit, output) = CliRunner.Run("timeseries", "sample", P("foreign.bgan"), "--count", "5", "--out", P("s.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("foreign.bgan", output);
        Assert.False(File.Exists(P("s.csv")));
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public void Fit_trains_TimeGAN_through_its_three_phases_and_refuses_unknown_models_and_presets()
    {
        var data = WritePanel();
        var (exit, output) = CliRunner.Run(["timeseries", "fit", data, .. Roles, "--out", P("tg.bgan"), "--model", "timegan", "--pretrain-steps", "2", .. Small]);
        Assert.True(exit == 0, output);
        Assert.Contains("Trained 7 steps", output);   // 2 + 2 pre-training, 3 joint
        Assert.Equal(0, CliRunner.Run("timeseries", "sample", P("tg.bgan"), "--count", "4", "--out", P("tg.csv"), "--condition", "kind=a").Exit);
        Assert.All(File.ReadAllLines(P("tg.csv")).Skip(1), l => Assert.Equal("a", l.Split(',')[2]));

        (exit, output) = CliRunner.Run(["timeseries", "fit", data, .. Roles, "--out", P("x.bgan"), "--model", "lstm", .. Small]);
        Assert.NotEqual(0, exit);
        Assert.Contains("--model lstm", output);
        (exit, output) = CliRunner.Run(["timeseries", "fit", data, .. Roles, "--out", P("x.bgan"), "--preset", "fast", .. Small]);
        Assert.NotEqual(0, exit);
        Assert.Contains("--preset fast", output);
        (exit, output) = CliRunner.Run(["timeseries", "fit", data, .. Roles, "--out", P("x.bgan"), "--model", "timegan", "--layers", "1", .. Small]);
        Assert.NotEqual(0, exit);
        Assert.Contains("--layers", output);
        Assert.False(File.Exists(P("x.bgan")));
    }
}
