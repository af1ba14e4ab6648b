using BeyondGan.Audio.Data;
using NAudio.Wave;

namespace BeyondGan.Audio.Tests;

public sealed class WavAndPreparationTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-audio-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    internal static float[] Sine(double hz, int rate, int length, double amplitude = 0.5) =>
        Enumerable.Range(0, length).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate))).ToArray();

    /// <summary>The dominant frequency of <paramref name="x"/> by a direct DFT scan in 10 Hz steps.</summary>
    private static double PeakHz(float[] x, int rate)
    {
        double best = 0, bestHz = 0;
        for (double hz = 10; hz < rate / 2.0; hz += 10)
        {
            double re = 0, im = 0;
            for (int i = 0; i < x.Length; i++) { re += x[i] * Math.Cos(2 * Math.PI * hz * i / rate); im += x[i] * Math.Sin(2 * Math.PI * hz * i / rate); }
            double p = re * re + im * im;
            if (p > best) (best, bestHz) = (p, hz);
        }
        return bestHz;
    }

    private static double Rms(float[] x) => Math.Sqrt(x.Average(v => v * (double)v));

    private string WriteWith(string name, WaveFormat format, float[] samples)
    {
        var path = Path.Combine(dir, name);
        using var w = new WaveFileWriter(path, format);
        if (format.BitsPerSample == 8)   // NAudio's WriteSample has no 8-bit case: unsigned bytes, 128 = 0
        {
            w.Write(samples.Select(s => (byte)Math.Min(255, Math.Round(128 + s * 128))).ToArray(), 0, samples.Length);
            return path;
        }
        foreach (var s in samples) for (int c = 0; c < format.Channels; c++) w.WriteSample(c == 0 ? s : -s * 0.5f);
        return path;
    }

    [Fact]
    public void Sixteen_bit_files_round_trip_to_the_nearest_step()
    {
        var x = Sine(440, 8000, 800);
        var path = Path.Combine(dir, "a.wav");
        WavFile.Write(path, x, 8000);
        var clip = WavFile.Read(path);
        Assert.Equal(8000, clip.SampleRate);
        Assert.Equal(800, clip.Samples.Length);
        for (int i = 0; i < x.Length; i++) Assert.True(Math.Abs(x[i] - clip.Samples[i]) <= 1.0 / 32767 + 1e-6);
        Assert.Equal(WavFile.Encode(x, 8000), File.ReadAllBytes(path));   // deterministic bytes
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(32)]
    public void Pcm_of_every_width_and_float_are_read(int bits)
    {
        var x = Sine(300, 8000, 400, 0.4);
        var pcm = WavFile.Read(WriteWith($"p{bits}.wav", new WaveFormat(8000, bits, 1), x));
        double step = bits == 8 ? 1.0 / 256 : 1e-4;
        for (int i = 0; i < x.Length; i++) Assert.True(Math.Abs(x[i] - pcm.Samples[i]) <= step, $"{bits}-bit sample {i}");
        var f = WavFile.Read(WriteWith("f.wav", WaveFormat.CreateIeeeFloatWaveFormat(8000, 1), x));
        Assert.Equal(x, f.Samples);
    }

    [Fact]
    public void Stereo_is_mixed_down_and_said()
    {
        var x = Sine(300, 8000, 400);
        var clip = WavFile.Read(WriteWith("s.wav", new WaveFormat(8000, 16, 2), x));
        Assert.Equal(2, clip.Channels);
        Assert.Equal(400, clip.Samples.Length);
        for (int i = 0; i < x.Length; i++) Assert.Equal(x[i] * 0.25, clip.Samples[i], 3);   // (s − s/2) / 2
    }

    [Fact]
    public void Bad_files_are_refused_in_one_line_naming_them()
    {
        var text = Path.Combine(dir, "notes.wav");
        File.WriteAllText(text, "this is not audio");
        var e = Assert.Throws<AudioDataException>(() => WavFile.Read(text));
        Assert.StartsWith(text + ": not a WAV file", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        var empty = Path.Combine(dir, "empty.wav");
        File.WriteAllBytes(empty, []);
        Assert.StartsWith(empty + ": empty file", Assert.Throws<AudioDataException>(() => WavFile.Read(empty)).Message);

        var zero = Path.Combine(dir, "zero.wav");
        WavFile.Write(zero, [], 8000);
        Assert.StartsWith(zero + ": zero-length clip", Assert.Throws<AudioDataException>(() => WavFile.Read(zero)).Message);

        using (var w = new WaveFileWriter(Path.Combine(dir, "alaw2.wav"), WaveFormat.CreateALawFormat(8000, 1))) w.Write(new byte[100], 0, 100);
        var m = Assert.Throws<AudioDataException>(() => WavFile.Read(Path.Combine(dir, "alaw2.wav"))).Message;
        Assert.Contains("unsupported encoding ALaw", m);

        Assert.StartsWith(Path.Combine(dir, "missing.wav") + ": file not found", Assert.Throws<AudioDataException>(() => WavFile.Read(Path.Combine(dir, "missing.wav"))).Message);
    }

    [Fact]
    public void A_folder_of_clips_is_written_whole_with_one_file_per_clip()
    {
        var target = Path.Combine(dir, "out");
        var clips = Enumerable.Range(0, 5).Select(i => (Sine(300 + i, 8000, 100), (string?)(i % 2 == 0 ? "a" : "b")));
        Assert.Equal(5, ClipFolderWriter.Write(target, clips, 8000));   // no progress callback
        Assert.Equal(["a_00000.wav", "a_00002.wav", "a_00004.wav", "b_00001.wav", "b_00003.wav"], Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetDirectories(dir, "*.partial-*"));
        Assert.Throws<AudioDataException>(() => ClipFolderWriter.Write(target, clips, 8000));   // not empty: refused
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Equal(-1, ClipFolderWriter.Write(Path.Combine(dir, "none"), clips, 8000, cancellation: cancelled.Token));
        Assert.False(Directory.Exists(Path.Combine(dir, "none")));
        Assert.Empty(Directory.GetDirectories(dir, "*.partial-*"));
    }

    [Fact]
    public void Resampling_keeps_a_tone_and_removes_what_would_alias()
    {
        var tone = ClipPreparation.Resample(Sine(1000, 16000, 16000), 16000, 8000);
        Assert.InRange(tone.Length, 7980, 8020);
        Assert.Equal(1000, PeakHz(tone[1000..3000], 8000));
        Assert.Equal(0.5 / Math.Sqrt(2), Rms(tone[1000..7000]), 2);
        // 6 kHz at 16 kHz would fold to 2 kHz at 8 kHz without the low-pass: it must be (nearly) gone.
        var high = ClipPreparation.Resample(Sine(6000, 16000, 16000), 16000, 8000);
        Assert.True(Rms(high[1000..7000]) < 0.02, $"aliased energy: RMS {Rms(high[1000..7000]):F4}");
        var up = ClipPreparation.Resample(Sine(500, 8000, 4000), 8000, 16000);
        Assert.Equal(500, PeakHz(up[1000..5000], 16000));
    }

    [Fact]
    public void Silence_is_trimmed_loudness_normalised_and_length_fitted()
    {
        var x = new float[8000];
        Sine(400, 8000, 2000).CopyTo(x, 3000);
        var trimmed = ClipPreparation.TrimSilence(x, 8000, 40);
        Assert.InRange(trimmed.Length, 2000, 2000 + 2 * 160);

        var loud = ClipPreparation.Normalize(Sine(400, 8000, 800, 0.01), -20);
        Assert.Equal(0.1, Rms(loud), 3);
        var clipped = ClipPreparation.Normalize([0.001f, 0.5f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], -3);   // the peak caps the gain
        Assert.Equal(0.99f, clipped.Max(), 5);
        Assert.Equal([0f, 0f], ClipPreparation.Normalize([0f, 0f], -20));

        Assert.Equal([1f, 2f, 0f, 0f], ClipPreparation.FitLength([1f, 2f], 4));
        Assert.Equal([5f, 4f], ClipPreparation.FitLength([1f, 0f, 5f, 4f, 0f], 2));   // the loudest window
    }

    [Fact]
    public void Folders_and_manifests_give_labels_and_refuse_what_does_not_match()
    {
        var folder = Directory.CreateDirectory(Path.Combine(dir, "clips")).FullName;
        WavFile.Write(Path.Combine(folder, "1_a_0.wav"), Sine(200, 8000, 500), 8000);
        WavFile.Write(Path.Combine(folder, "0_b_1.wav"), Sine(300, 8000, 500), 8000);
        File.WriteAllText(Path.Combine(folder, "readme.txt"), "ignored");
        var set = AudioFolder.Read(folder, "^(\\d)_");
        Assert.Equal(["0", "1"], set.Clips.Select(c => c.Label!));
        Assert.Equal(["0", "1"], set.Labels);

        WavFile.Write(Path.Combine(folder, "noise.wav"), Sine(300, 8000, 500), 8000);
        var e = Assert.Throws<AudioDataException>(() => AudioFolder.Read(folder, "^(\\d)_"));
        Assert.Equal($"{Path.Combine(folder, "noise.wav")}: the label pattern ^(\\d)_ does not match this file name.", e.Message);

        var manifest = Path.Combine(dir, "m.csv");
        File.WriteAllText(manifest, "path,label\nclips/1_a_0.wav,one\nclips/0_b_1.wav,zero\n");
        Assert.Equal(["one", "zero"], AudioFolder.Read(manifest).Clips.Select(c => c.Label!));
        Assert.All(AudioFolder.Read(manifest, labelColumn: "none").Clips, c => Assert.Null(c.Label));
        Assert.StartsWith($"{manifest}, line 1: no column digit", Assert.Throws<AudioDataException>(() => AudioFolder.Read(manifest, labelColumn: "digit")).Message);
        File.WriteAllText(manifest, "path,label\nclips/1_a_0.wav,one\nclips/0_b_1.wav,\n");
        Assert.Equal($"{manifest}, line 3, column label: empty label.", Assert.Throws<AudioDataException>(() => AudioFolder.Read(manifest)).Message);

        var none = Directory.CreateDirectory(Path.Combine(dir, "none")).FullName;
        Assert.Equal($"{none}: no .wav files in this folder.", Assert.Throws<AudioDataException>(() => AudioFolder.Read(none)).Message);
        Assert.Equal($"{dir}/nowhere: folder not found.", Assert.Throws<AudioDataException>(() => AudioFolder.Read(Path.Combine(dir, "nowhere"))).Message);
    }
}
