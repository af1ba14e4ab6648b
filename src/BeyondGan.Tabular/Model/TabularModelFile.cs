using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BeyondGan.IO;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;
using BeyondGan.Training;

namespace BeyondGan.Tabular.Model;

/// <summary>
/// The <c>.bgan</c> model file: everything needed to sample without the training data, in one file. Layout: the
/// magic <c>BGANTABL</c>, a format version, then length-prefixed sections: header JSON (library version, options,
/// rows, epochs), schema JSON, transformer JSON, history JSON, generator weights, critic weights, and an end marker.
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
    public static void Save(string path, CtganSynthesizer model) =>
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(FormatVersion);
            var header = new Header(LibraryVersion, model.Options, model.TrainingRows, model.EpochsTrained);
            Section(w, s => s.Write(JsonSerializer.Serialize(header, Json)));
            Section(w, s => s.Write(model.Schema.ToJson()));
            Section(w, s => s.Write(model.Transformer.ToJson()));
            Section(w, s => s.Write(model.History.ToJson()));
            Section(w, s => model.Generator.save(s));
            Section(w, s => model.Critic.save(s));
            w.Write(EndMarker);
        });

    /// <summary>
    /// Reads a model file. Throws <see cref="InvalidDataException"/> with a one-line reason, naming the file, for a
    /// foreign, truncated, corrupt or other-version file.
    /// </summary>
    public static CtganSynthesizer Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: model file not found.", path);
        CtganSynthesizer? model = null;
        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            var magic = r.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException($"{path}: not a BeyondGan tabular model (it does not start with {Encoding.ASCII.GetString(Magic)}).");
            int version = r.ReadInt32();
            if (version != FormatVersion)
                throw new InvalidDataException($"{path}: model format version {version}, but this build of BeyondGan ({LibraryVersion}) reads version {FormatVersion}; refit the model with this version.");
            Header header = null!;
            TableSchema schema = null!;
            DataTransformer transformer = null!;
            MetricsHistory history = null!;
            ReadSection(r, "header", br => header = JsonSerializer.Deserialize<Header>(br.ReadString(), Json) ?? throw new InvalidDataException("empty header"));
            ReadSection(r, "schema", br => schema = TableSchema.FromJson(br.ReadString(), path));
            ReadSection(r, "transformer", br => transformer = DataTransformer.FromJson(br.ReadString()));
            ReadSection(r, "history", br => history = MetricsHistory.FromJson(br.ReadString()));
            model = CtganSynthesizer.Restore(schema, transformer, header.Options, header.TrainingRows);
            ReadSection(r, "generator", br => model.Generator.load(br, strict: true));
            ReadSection(r, "critic", br => model.Critic.load(br, strict: true));
            if (r.ReadString() != EndMarker) throw new InvalidDataException("the end marker is missing");
            model.EpochsTrained = header.EpochsTrained;
            model.History = history;
            model.Generator.eval();
            model.Critic.eval();
            return model;
        }
        catch (Exception e) when (e is not FileNotFoundException && !(e is InvalidDataException && e.Message.StartsWith(path, StringComparison.Ordinal)))
        {
            model?.Dispose();
            if (e is EndOfStreamException or InvalidDataException or IOException or JsonException or FormatException or ArgumentException
                or InvalidOperationException or NotSupportedException or System.Runtime.InteropServices.ExternalException)
                throw new InvalidDataException($"{path}: the model file is truncated or corrupt ({FirstLine(e.Message)}).", e);
            throw;
        }
    }

    /// <summary>The version of this library, written into every model file.</summary>
    public static string LibraryVersion => typeof(TabularModelFile).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private sealed record Header(string Library, CtganOptions Options, long TrainingRows, int EpochsTrained);

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    private static void Section(BinaryWriter w, Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var bw = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) write(bw);
        w.Write(buffer.Length);
        buffer.Position = 0;
        buffer.CopyTo(w.BaseStream);
    }

    private static void ReadSection(BinaryReader r, string name, Action<BinaryReader> read)
    {
        long length = r.ReadInt64();
        if (length < 0 || length > r.BaseStream.Length - r.BaseStream.Position) throw new EndOfStreamException($"the {name} section runs past the end of the file");
        var bytes = r.ReadBytes(checked((int)length));
        using var ms = new MemoryStream(bytes);
        using var br = new BinaryReader(ms, Encoding.UTF8);
        try
        {
            read(br);
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new InvalidDataException($"the {name} section could not be read: {FirstLine(e.Message)}", e);
        }
        if (ms.Position != ms.Length) throw new InvalidDataException($"the {name} section was not read to its end");
    }
}
