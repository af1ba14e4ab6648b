using System.Text;
using System.Text.Json;
using BeyondGan.IO;
using BeyondGan.Training;

namespace BeyondGan.Text.Model;

/// <summary>
/// The text <c>.bgan</c> file, framed as every BeyondGan model file: the magic <c>BGANTEXT</c>, a format version, then
/// length-prefixed sections — the header JSON (<see cref="TextModelState"/>: tokenizer, vocabulary, options), the steps
/// trained and the history, the network's weights — and an end marker. Only data is read on load.
/// </summary>
public static class TextModelFile
{
    /// <summary>Magic bytes at the start of every text model file.</summary>
    public static ReadOnlySpan<byte> Magic => "BGANTEXT"u8;

    /// <summary>Current format version (2: sub-word units in the header); newer files are refused with a clear error.</summary>
    public const int FormatVersion = 2;

    /// <summary>The oldest version read (1: word tokens only).</summary>
    public const int OldestReadable = 1;

    private const string EndMarker = "end of BeyondGan model";

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, TextSynthesizer model) =>
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(FormatVersion);
            SectionedFile.WriteSection(w, s => s.Write(JsonSerializer.Serialize(model.State)));
            SectionedFile.WriteSection(w, s => { s.Write(model.StepsTrained); s.Write(model.History.ToJson()); });
            SectionedFile.WriteSection(w, s => model.Network.save(s));
            w.Write(EndMarker);
        });

    /// <summary>Reads a model file (on <paramref name="device"/> if given); a foreign, truncated or other-version file is refused with one line naming it.</summary>
    public static TextSynthesizer Load(string path, string? device = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: model file not found.", path);
        TextSynthesizer? model = null;
        try
        {
            return ModelFileReader.Guard(path, () =>
            {
                using var stream = File.OpenRead(path);
                using var r = new BinaryReader(stream, Encoding.UTF8);
                ModelFileReader.ReadFraming(r, path, Magic, "text model", OldestReadable, FormatVersion);
                TextModelState state = null!;
                long steps = 0;
                MetricsHistory history = new();
                SectionedFile.ReadSection(r, "header", br => state = JsonSerializer.Deserialize<TextModelState>(br.ReadString()) ?? throw new InvalidDataException("empty header"));
                SectionedFile.ReadSection(r, "history", br => { steps = br.ReadInt64(); history = MetricsHistory.FromJson(br.ReadString()); });
                if (device is not null) state = state with { Options = state.Options with { Device = device } };
                model = new TextSynthesizer(state) { StepsTrained = steps, History = history };
                SectionedFile.ReadSection(r, "network", br => model.Network.load(br, strict: true));
                if (r.ReadString() != EndMarker) throw new InvalidDataException("the end marker is missing");
                model.Network.eval();
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
