using System.Text.Json;
using BeyondGan.Audio.Data;
using BeyondGan.Audio.Demo;

namespace BeyondGan.Cli.Tests;

public sealed class AudioCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-audio-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string P(string name) => Path.Combine(dir, name);

    /// <summary>The demo's sounds written as LABEL_i.wav files into a folder.</summary>
    private string Clips(string name, int perClass, int seed)
    {
        var folder = Directory.CreateDirectory(P(name)).FullName;
        foreach (var clip in DemoSounds.Make(perClass, length: 1024, seed: seed).Clips)
            WavFile.Write(Path.Combine(folder, Path.GetFileName(clip.Source)), clip.Samples, clip.SampleRate);
        return folder;
    }

    private static readonly string[] Tiny = ["--length", "1024", "--layers", "3", "--width", "4", "--batch-size", "8", "--critic-steps", "1", "--threads", "1"];

    private static string Hash(string folder) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        Directory.GetFiles(folder).Order(StringComparer.Ordinal).SelectMany(f => Path.GetFileName(f).Select(c => (byte)c).Concat(File.ReadAllBytes(f))).ToArray()));

    [Fact]
    public void Fit_sample_and_evaluate_write_a_model_the_same_clips_for_the_same_seed_json_and_a_report()
    {
        var train = Clips("train", 8, 1);
        var (exit, output) = CliRunner.Run(["audio", "fit", train, "--label-pattern", "^([a-z]+)_", "--out", P("m.bgan"), "--steps", "4", "--preview-every", "2", .. Tiny]);
        Assert.True(exit == 0, output);
        Assert.Contains("32 clips, 8000 Hz, 4 labels", output);
        Assert.Contains("Trained 4 steps", output);
        Assert.True(File.Exists(P("m.bgan.preview.wav")));
        Assert.Equal(4 * (1024 + 800), WavFile.Read(P("m.bgan.preview.wav")).Samples.Length);   // one clip per label and 0.1 s gaps

        (exit, output) = CliRunner.Run("audio", "sample", P("m.bgan"), "--count", "70", "--out", P("a"), "--seed", "3");
        Assert.True(exit == 0, output);
        Assert.Equal(70, Directory.GetFiles(P("a")).Length);
        (exit, _) = CliRunner.Run("audio", "sample", P("m.bgan"), "--count", "70", "--out", P("b"), "--seed", "3");
        Assert.Equal(0, exit);
        Assert.Equal(Hash(P("a")), Hash(P("b")));
        (exit, _) = CliRunner.Run("audio", "sample", P("m.bgan"), "--count", "5", "--out", P("c"), "--label", "chirp");
        Assert.Equal(0, exit);
        Assert.All(Directory.GetFiles(P("c")), f => Assert.StartsWith("chirp_", Path.GetFileName(f)));
        Assert.Empty(Directory.GetDirectories(dir, "*.partial-*"));

        var test = Clips("test", 5, 2);
        (exit, output) = CliRunner.Run("audio", "evaluate", "--real", test, "--train", train, "--synthetic", P("a"), "--label-pattern", "^([a-z]+)_",
            "--json", P("s.json"), "--report", P("r.html"), "--classifier-cache", P("cache"), "--threads", "1");
        Assert.True(exit == 0, output);
        Assert.Contains("Inception score", output);
        using var json = JsonDocument.Parse(File.ReadAllText(P("s.json")));
        Assert.Equal(70, json.RootElement.GetProperty("synthetic").GetProperty("clips").GetInt32());
        Assert.Equal(20, json.RootElement.GetProperty("real_test").GetProperty("clips").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("synthetic").GetProperty("label_accuracy").GetDouble(), 0, 1);
        Assert.Single(Directory.GetFiles(P("cache")));
        var html = File.ReadAllText(P("r.html"));
        Assert.Contains("<audio controls", html);
        Assert.Contains("data:audio/wav;base64,", html);
        Assert.DoesNotContain("src=\"http", html);   // nothing to fetch
    }

    [Fact]
    public void Bad_input_gives_one_line_errors_a_non_zero_exit_and_no_output()
    {
        var train = Clips("train", 2, 1);
        File.WriteAllText(Path.Combine(P("train"), "readme.wav"), "not audio");
        var other = Clips("other", 2, 1);
        File.WriteAllBytes(P("text.bgan"), "BGANTEXT"u8.ToArray().Concat(new byte[40]).ToArray());
        Directory.CreateDirectory(P("full"));
        File.WriteAllText(P("full/x.txt"), "x");
        foreach (var (args, expected) in new (string[], string)[]
        {
            (["audio", "fit", P("missing"), "--out", P("m.bgan")], "missing: folder not found"),
            (["audio", "fit", train, "--out", P("m.bgan")], "readme.wav: not a WAV file"),
            (["audio", "fit", other, "--label-pattern", "^(\\d)_", "--out", P("m.bgan")], "does not match this file name"),
            (["audio", "fit", other, "--model", "diffwave", "--out", P("m.bgan")], "--model diffwave: unknown model"),
            (["audio", "fit", other, "--model", "specgan", "--length", "3072", "--out", P("m.bgan")], "--length 3072: the specgan model needs a multiple of 2048 samples"),
            (["audio", "fit", other, "--preset", "paper", "--out", P("m.bgan")], "--preset paper: WaveGAN's published size"),
            (["audio", "fit", other, "--auxiliary-classifier", "1", "--out", P("m.bgan")], "--auxiliary-classifier needs labelled clips"),
            (["audio", "fit", other, "--model", "vocoder", "--generator", "wavenet", "--out", P("m.bgan")], "--generator wavenet: unknown vocoder generator"),
            (["audio", "fit", other, "--generator", "vocos", "--out", P("m.bgan")], "--generator vocos: only the vocoder has a choice of generator"),
            (["audio", "fit", other, "--stft-loss", "1", "--out", P("m.bgan")], "--stft-loss 1: only the vocoder has a reconstruction target"),
            (["audio", "fit", other, "--model", "vocoder", "--reconstruction-steps", "-2", "--out", P("m.bgan")], "--reconstruction-steps -2: must be 0 or more"),
            (["audio", "sample", P("text.bgan"), "--count", "2", "--out", P("s")], "this is a text model, not a BeyondGan audio model"),
            (["audio", "sample", P("missing.bgan"), "--count", "2", "--out", P("s")], "missing.bgan: model file not found"),
        })
        {
            var (exit, output) = CliRunner.Run(args);
            Assert.NotEqual(0, exit);
            Assert.Contains(expected, output);
            Assert.Single(output.Trim().Split('\n'));
            Assert.False(File.Exists(P("m.bgan")));
            Assert.False(Directory.Exists(P("s")));
        }
        var (e, o) = CliRunner.Run(["audio", "fit", other, "--model", "wavegan", "--label-pattern", "^([a-z]+)_", "--out", P("m.bgan"), "--steps", "1", "--preview-every", "0", .. Tiny]);
        Assert.True(e == 0, o);
        foreach (var (args, expected) in new (string[], string)[]
        {
            (["audio", "sample", P("m.bgan"), "--count", "2", "--out", P("s"), "--label", "7"], "--label 7: not a label of the training clips"),
            (["audio", "sample", P("m.bgan"), "--count", "2", "--out", P("full")], "the folder exists and is not empty"),
            (["audio", "sample", P("m.bgan"), "--count", "2", "--out", P("s"), "--truncation", "0"], "--truncation must be in (0, 1]"),
            (["audio", "sample", P("m.bgan"), "--count", "2", "--out", P("s"), "--truncation", "1.5"], "--truncation must be in (0, 1]"),
        })
        {
            var (exit, output) = CliRunner.Run(args);
            Assert.Equal(2, exit);
            Assert.Contains(expected, output);
            Assert.Single(output.Trim().Split('\n'));
            Assert.False(Directory.Exists(P("s")));
        }
        Assert.Single(Directory.GetFiles(P("full")));
    }

    [Fact]
    public void A_vocoder_fits_re_synthesises_the_same_bytes_twice_beside_griffin_lim_and_is_refused_where_it_does_not_belong()
    {
        var train = Clips("train", 2, 1);
        var test = Clips("test", 1, 2);
        var (exit, output) = CliRunner.Run("audio", "fit", train, "--model", "vocoder", "--out", P("v.bgan"), "--steps", "2", "--reconstruction-steps", "3", "--length", "1024", "--width", "8",
            "--batch-size", "2", "--threads", "1", "--label-pattern", "^([a-z]+)_");
        Assert.True(exit == 0, output);
        (exit, output) = CliRunner.Run("audio", "vocode", P("v.bgan"), "--in", test, "--out", P("a"), "--label-pattern", "^([a-z]+)_", "--json", P("a.json"), "--threads", "1");
        Assert.True(exit == 0, output);
        Assert.Contains("vocoder", output);
        (exit, _) = CliRunner.Run("audio", "vocode", P("v.bgan"), "--in", test, "--out", P("b"), "--label-pattern", "^([a-z]+)_", "--threads", "1");
        Assert.Equal(0, exit);
        Assert.Equal(Hash(P("a")), Hash(P("b")));
        Assert.Equal(Directory.GetFiles(test).Length, Directory.GetFiles(P("a")).Length);
        Assert.Contains(Directory.GetFiles(P("a")), f => Path.GetFileName(f).StartsWith("chirp_"));   // labels kept, so `audio evaluate` can score them
        (exit, output) = CliRunner.Run("audio", "vocode", P("v.bgan"), "--in", test, "--out", P("gl"), "--griffin-lim", "--json", P("gl.json"), "--threads", "1");
        Assert.True(exit == 0, output);
        using var json = JsonDocument.Parse(File.ReadAllText(P("gl.json")));
        Assert.Equal("griffin-lim", json.RootElement.GetProperty("method").GetString());
        Assert.True(json.RootElement.GetProperty("log_spectral_distance_db").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("mel_cepstral_distortion_db").GetDouble() > 0);

        (exit, output) = CliRunner.Run("audio", "sample", P("v.bgan"), "--count", "2", "--out", P("s"));
        Assert.Equal(2, exit);
        Assert.Contains("this model is a vocoder", output);
        Assert.False(Directory.Exists(P("s")));
        (exit, _) = CliRunner.Run(["audio", "fit", train, "--model", "wavegan", "--out", P("w.bgan"), "--steps", "1", "--preview-every", "0", .. Tiny]);
        Assert.Equal(0, exit);
        (exit, output) = CliRunner.Run("audio", "vocode", P("w.bgan"), "--in", test, "--out", P("s"));
        Assert.Equal(2, exit);
        Assert.Contains("not a vocoder", output);
        Assert.Single(output.Trim().Split('\n'));
        Assert.False(Directory.Exists(P("s")));
    }

    [Fact]
    public void Specgan_fits_and_samples_from_the_command_line()
    {
        var train = Clips("train", 2, 1);
        var (exit, output) = CliRunner.Run("audio", "fit", train, "--model", "specgan", "--out", P("g.bgan"), "--steps", "2", "--length", "2048", "--width", "2",
            "--batch-size", "2", "--threads", "1", "--preview-every", "0", "--label-pattern", "^([a-z]+)_");
        Assert.True(exit == 0, output);
        (exit, output) = CliRunner.Run("audio", "sample", P("g.bgan"), "--count", "3", "--out", P("s"), "--threads", "1");
        Assert.True(exit == 0, output);
        Assert.Equal(3, Directory.GetFiles(P("s"), "*.wav").Length);
    }

    [Fact]
    public void The_demo_runs_without_data()
    {
        var (exit, output) = CliRunner.Run("audio", "demo", "--steps", "2", "--clips", "10", "--threads", "1", "--report", P("demo.html"));
        Assert.True(exit == 0, output);
        Assert.Contains("label accuracy", output);
        Assert.Contains("<audio controls", File.ReadAllText(P("demo.html")));
    }
}
