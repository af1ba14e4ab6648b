using System.Text;
using System.Text.Json;
using BeyondGan.IO;
using BeyondGan.Training;

namespace BeyondGan.Audio.Model;

/// <summary>
/// The audio <c>.bgan</c> file, framed as every BeyondGan model file: the magic <c>BGANAUDI</c>, a format version, then
/// length-prefixed sections — the header JSON (<see cref="AudioModelState"/>), the steps trained and the history, the
/// generator's weights — and an end marker. Only data is read on load.
/// </summary>
public static class AudioModelFile
{
    /// <summary>Magic bytes at the start of every audio model file.</summary>
    public static ReadOnlySpan<byte> Magic => "BGANAUDI"u8;

    /// <summary>Current format version; other versions are refused with a clear error.</summary>
    public const int FormatVersion = 1;

    private const string EndMarker = "end of BeyondGan model";

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, AudioSynthesizer model) =>
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(FormatVersion);
            SectionedFile.WriteSection(w, s => s.Write(JsonSerializer.Serialize(model.State)));
            SectionedFile.WriteSection(w, s => { s.Write(model.StepsTrained); s.Write(model.History.ToJson()); });
            SectionedFile.WriteSection(w, s => model.Generator.save(s));
            w.Write(EndMarker);
        });

    /// <summary>Reads a model file (on <paramref name="device"/> if given); a foreign, truncated or other-version file is refused with one line naming it.</summary>
    public static AudioSynthesizer Load(string path, string? device = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: model file not found.", path);
        AudioSynthesizer? model = null;
        try
        {
            return ModelFileReader.Guard(path, () =>
            {
                using var stream = File.OpenRead(path);
                using var r = new BinaryReader(stream, Encoding.UTF8);
                ModelFileReader.ReadFraming(r, path, Magic, "audio model", FormatVersion, FormatVersion);
                AudioModelState state = null!;
                long steps = 0;
                MetricsHistory history = new();
                SectionedFile.ReadSection(r, "header", br => state = JsonSerializer.Deserialize<AudioModelState>(br.ReadString()) ?? throw new InvalidDataException("empty header"));
                SectionedFile.ReadSection(r, "history", br => { steps = br.ReadInt64(); history = MetricsHistory.FromJson(br.ReadString()); });
                if (device is not null) state = state with { Options = state.Options with { Device = device } };
                model = new AudioSynthesizer(state) { StepsTrained = steps, History = history };
                SectionedFile.ReadSection(r, "network", br => model.Generator.load(br, strict: true));
                if (r.ReadString() != EndMarker) throw new InvalidDataException("the end marker is missing");
                model.Generator.eval();
                return model;
            });
        }
        catch
        {
            model?.Dispose();
            throw;
        }
    }
}
