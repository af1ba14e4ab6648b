using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BeyondGan.IO;
using BeyondGan.Tabular.Model;
using BeyondGan.Training;

namespace BeyondGan.TimeSeries.Model;

/// <summary>
/// The time-series <c>.bgan</c> file, framed as every BeyondGan model file: the magic <c>BGANSEQS</c>, a format
/// version, then length-prefixed sections — the header JSON (<see cref="SequenceModelState"/>: schema, encoders,
/// options, sizes, how the input was written), the steps trained and the history, the entity model (a tabular model
/// file, for panel data), the generator's and the critic's weights — and an end marker. Only data is read on load.
/// </summary>
public static class SequenceModelFile
{
    /// <summary>Magic bytes at the start of every time-series model file.</summary>
    public static ReadOnlySpan<byte> Magic => "BGANSEQS"u8;

    /// <summary>Current format version (2: the header names the sequence model); files of another version are refused with a clear error.</summary>
    public const int FormatVersion = 2;

    /// <summary>Oldest version this build reads (version 1 files hold the default model, the only one then).</summary>
    public const int OldestVersion = 1;

    private const string EndMarker = "end of BeyondGan model";

    internal static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, SequenceSynthesizer model) =>
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(FormatVersion);
            SectionedFile.WriteSection(w, s => s.Write(JsonSerializer.Serialize(model.State, Json)));
            SectionedFile.WriteSection(w, s => { s.Write(model.StepsTrained); s.Write(model.History.ToJson()); });
            SectionedFile.WriteSection(w, s =>
            {
                s.Write(model.Entities is not null);
                if (model.Entities is not null) TabularModelFile.Write(s.BaseStream, model.Entities);
            });
            SectionedFile.WriteSection(w, s => model.Generator.save(s));
            SectionedFile.WriteSection(w, s => model.Critic.save(s));
            w.Write(EndMarker);
        });

    /// <summary>
    /// Reads a model file; <paramref name="device"/> places the networks elsewhere than where they were trained. A
    /// foreign, truncated, corrupt or other-version file is refused with one line naming it.
    /// </summary>
    public static SequenceSynthesizer Load(string path, string? device = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: model file not found.", path);
        SequenceSynthesizer? model = null;
        try
        {
            return ModelFileReader.Guard(path, () =>
            {
                using var stream = File.OpenRead(path);
                using var r = new BinaryReader(stream, Encoding.UTF8);
                ModelFileReader.ReadFraming(r, path, Magic, "time-series model", OldestVersion, FormatVersion);
                SequenceModelState state = null!;
                long steps = 0;
                MetricsHistory history = new();
                SectionedFile.ReadSection(r, "header", br => state = JsonSerializer.Deserialize<SequenceModelState>(br.ReadString(), Json) ?? throw new InvalidDataException("empty header"));
                SectionedFile.ReadSection(r, "history", br => { steps = br.ReadInt64(); history = MetricsHistory.FromJson(br.ReadString()); });
                CtganSynthesizer? entities = null;
                SectionedFile.ReadSection(r, "entity model", br => { if (br.ReadBoolean()) entities = TabularModelFile.Read(br.BaseStream, path, device); });
                if (device is not null) state = state with { Options = state.Options with { Device = device } };
                model = new SequenceSynthesizer(state, entities) { StepsTrained = steps, History = history };
                SectionedFile.ReadSection(r, "generator", br => model.Generator.load(br, strict: true));
                SectionedFile.ReadSection(r, "critic", br => model.Critic.load(br, strict: true));
                if (r.ReadString() != EndMarker) throw new InvalidDataException("the end marker is missing");
                model.Generator.eval();
                model.Critic.eval();
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
