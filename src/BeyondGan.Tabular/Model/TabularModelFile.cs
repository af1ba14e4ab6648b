using BeyondGan.Runtime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BeyondGan.IO;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Rules;
using BeyondGan.Tabular.Transform;
using BeyondGan.Training;

namespace BeyondGan.Tabular.Model;

/// <summary>
/// The <c>.bgan</c> model file: everything needed to sample without the training data, in one file. Layout: the
/// magic <c>BGANTABL</c>, a format version, then length-prefixed sections: header JSON (library version, options,
/// rows, epochs, the training file's text format and rules), schema JSON, transformer JSON, history JSON, generator weights, critic weights, and an end marker.
/// Only data is read on load (JSON and raw tensors); nothing is executed.
/// </summary>
public static class TabularModelFile
{
    /// <summary>Magic bytes at the start of every model file.</summary>
    public static ReadOnlySpan<byte> Magic => "BGANTABL"u8;

    /// <summary>Current format version; files of another version are refused with a clear error.</summary>
    public const int FormatVersion = 1;

    private const string EndMarker = "end of BeyondGan model";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, CtganSynthesizer model) => AtomicFile.Write(path, stream => Write(stream, model));

    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/> (a model inside another model's file, say).</summary>
    public static void Write(Stream stream, CtganSynthesizer model)
    {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(FormatVersion);
            var header = new Header(LibraryVersion, model.Options, model.TrainingRows, model.EpochsTrained, model.Format, model.Rules);
            SectionedFile.WriteSection(w, s => s.Write(JsonSerializer.Serialize(header, Json)));
            SectionedFile.WriteSection(w, s => s.Write(model.Schema.ToJson()));
            SectionedFile.WriteSection(w, s => s.Write(model.Transformer.ToJson()));
            SectionedFile.WriteSection(w, s => s.Write(model.History.ToJson()));
            SectionedFile.WriteSection(w, s => model.Generator.save(s));
            SectionedFile.WriteSection(w, s => model.Critic.save(s));
            w.Write(EndMarker);
    }

    /// <summary>
    /// Reads a model file. Throws <see cref="InvalidDataException"/> with a one-line reason, naming the file, for a
    /// foreign, truncated, corrupt or other-version file. <paramref name="device"/> (cpu, cuda, cuda:N) places the
    /// networks on another device than the one they were trained on (default: that one).
    /// </summary>
    public static CtganSynthesizer Load(string path, string? device = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: model file not found.", path);
        using var stream = File.OpenRead(path);
        return Read(stream, path, device);
    }

    /// <summary>Reads a model from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static CtganSynthesizer Read(Stream stream, string source, string? device = null)
    {
        CtganSynthesizer? model = null;
        return Read(stream, source, (r, m) =>
        {
            var options = device is null ? m.Options : m.Options with { Device = device };
            model = CtganSynthesizer.Restore(m.Schema, m.Transformer, options, m.TrainingRows, m.Format, m.Rules);
            try
            {
                SectionedFile.ReadSection(r, "generator", br => model.Generator.load(br, strict: true));
                SectionedFile.ReadSection(r, "critic", br => model.Critic.load(br, strict: true));
                if (r.ReadString() != EndMarker) throw new InvalidDataException("the end marker is missing");
            }
            catch
            {
                model.Dispose();
                throw;
            }
            model.EpochsTrained = m.EpochsTrained;
            model.History = m.History;
            model.Generator.eval();
            model.Critic.eval();
            return model;
        });
    }

    /// <summary>
    /// Reads what a model file says about its data and training — schema, transformer, options, history — without
    /// loading the networks (no libtorch needed). Same errors as <see cref="Load"/> for a bad file.
    /// </summary>
    public static TabularModelSummary ReadSummary(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: model file not found.", path);
        using var stream = File.OpenRead(path);
        return Read(stream, path, (_, summary) => summary);
    }

    private static T Read<T>(Stream stream, string path, Func<BinaryReader, TabularModelSummary, T> rest) =>
        ModelFileReader.Guard(path, () =>
        {
            using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            var magic = r.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException(ModelFileKinds.WrongKind(path, "a BeyondGan tabular model", magic));
            int version = r.ReadInt32();
            if (version != FormatVersion)
                throw new InvalidDataException($"{path}: model format version {version}, but this build of BeyondGan ({LibraryVersion}) reads version {FormatVersion}; refit the model with this version.");
            Header header = null!;
            TableSchema schema = null!;
            DataTransformer transformer = null!;
            MetricsHistory history = null!;
            SectionedFile.ReadSection(r, "header", br => header = ReadHeader(br.ReadString()));
            SectionedFile.ReadSection(r, "schema", br => schema = TableSchema.FromJson(br.ReadString(), path));
            SectionedFile.ReadSection(r, "transformer", br => transformer = DataTransformer.FromJson(br.ReadString()));
            SectionedFile.ReadSection(r, "history", br => history = MetricsHistory.FromJson(br.ReadString()));
            return rest(r, new TabularModelSummary(header.Library, schema, transformer, header.Options, header.TrainingRows, header.EpochsTrained, history,
                header.Format ?? TextFormat.Default, header.Rules ?? RuleEnforcement.None(schema)));
        });

    /// <summary>The version of this library, written into every model file.</summary>
    public static string LibraryVersion => typeof(TabularModelFile).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static Header ReadHeader(string json)
    {
        using var document = JsonDocument.Parse(json);
        var header = document.Deserialize<Header>(Json) ?? throw new InvalidDataException("empty header");
        // Files written before the precision option existed were trained and must sample in float32 (not the new Auto default).
        if (!document.RootElement.GetProperty(nameof(Header.Options)).TryGetProperty(nameof(CtganOptions.Precision), out _))
            header = header with { Options = header.Options with { Precision = ComputePrecision.Float32 } };
        return header;
    }

    // Format: how the training file was written; absent in files written before it was recorded (read as plain CSV).
    // Rules: the training table's rules and how they are kept; absent in files written before rules existed (none).
    private sealed record Header(string Library, CtganOptions Options, long TrainingRows, int EpochsTrained, TextFormat? Format = null,
        RuleEnforcement? Rules = null);
}
