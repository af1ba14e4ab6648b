using System.Text;
using System.Text.Json;
using BeyondGan.IO;
using BeyondGan.Modules;
using static TorchSharp.torch;

using Generator = BeyondGan.Modules.Generator;
namespace BeyondGan.Training;

/// <summary>
/// A training checkpoint: one file holding the generator and critic weights and buffers, both optimisers' state,
/// every regulariser's state (EMA, replay buffer, running means), both random generators and the metrics
/// history, so that training N steps equals training k steps, saving, loading and training N − k more.
/// Layout: the magic <c>BGANCKPT</c>, a format version, a JSON header, then length-prefixed binary sections.
/// Nothing in the file is executed on load.
/// </summary>
public static class GanCheckpoint
{
    /// <summary>Magic bytes at the start of every checkpoint.</summary>
    public static ReadOnlySpan<byte> Magic => "BGANCKPT"u8;

    /// <summary>Current format version; files of another version are refused with a clear error.</summary>
    /// <remarks>Version 2 records the optimisers' types in the header (version 1 did not).</remarks>
    public const int FormatVersion = 2;

    /// <summary>Writes the checkpoint atomically (temporary file, then rename).</summary>
    public static void Save<TG, TC>(string path, GanTrainer<TG, TC> trainer) where TG : Generator where TC : Critic =>
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(JsonSerializer.Serialize(Header.Of(trainer)));
            SectionedFile.WriteSection(w, s => trainer.Generator.save(s));
            SectionedFile.WriteSection(w, s => trainer.Critic.save(s));
            SectionedFile.WriteSection(w, s => trainer.GeneratorOptimizer.save_state_dict(s));
            SectionedFile.WriteSection(w, s => trainer.CriticOptimizer.save_state_dict(s));
            foreach (var r in trainer.Regularizers) SectionedFile.WriteSection(w, r.SaveState);
            SectionedFile.WriteSection(w, s => TensorIO.Write(s, trainer.Rng.get_state()));
            SectionedFile.WriteSection(w, s => TensorIO.Write(s, get_rng_state()));
            SectionedFile.WriteSection(w, s => s.Write(trainer.History.ToJson()));
        });

    /// <summary>
    /// Loads a checkpoint into a trainer built the same way (same networks, loss, regularisers and options).
    /// Throws <see cref="InvalidDataException"/> with a one-line reason for a foreign, corrupt, truncated or
    /// mismatched file.
    /// </summary>
    public static void Load<TG, TC>(string path, GanTrainer<TG, TC> trainer) where TG : Generator where TC : Critic
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: checkpoint file not found.", path);
        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            var magic = r.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic)) throw new InvalidDataException($"{path}: not a BeyondGan checkpoint (bad magic bytes).");
            int version = r.ReadInt32();
            if (version != FormatVersion)
                throw new InvalidDataException($"{path}: checkpoint format version {version}, but this build of BeyondGan reads version {FormatVersion}.");
            var header = JsonSerializer.Deserialize<Header>(r.ReadString()) ?? throw new InvalidDataException($"{path}: empty checkpoint header.");
            string? mismatch = header.MismatchWith(Header.Of(trainer));
            if (mismatch is not null) throw new InvalidDataException($"{path}: checkpoint does not match this model: {mismatch}.");
            SectionedFile.ReadSection(r, "generator", br => trainer.Generator.load(br, strict: true));
            SectionedFile.ReadSection(r, "critic", br => trainer.Critic.load(br, strict: true));
            SectionedFile.ReadSection(r, "generator optimiser", br => trainer.GeneratorOptimizer.load_state_dict(br));
            SectionedFile.ReadSection(r, "critic optimiser", br => trainer.CriticOptimizer.load_state_dict(br));
            foreach (var reg in trainer.Regularizers) SectionedFile.ReadSection(r, reg.Name, reg.LoadState);
            SectionedFile.ReadSection(r, "trainer random state", br => { using var s = TensorIO.Read(br); trainer.Rng.set_state(s); });
            SectionedFile.ReadSection(r, "global random state", br => { using var s = TensorIO.Read(br); set_rng_state(s); });
            SectionedFile.ReadSection(r, "metrics history", br => trainer.History = MetricsHistory.FromJson(br.ReadString()));
            trainer.Step = header.Step;
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: checkpoint is truncated or corrupt ({e.Message}).", e);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException and not FileNotFoundException and not DirectoryNotFoundException
                                   or JsonException or FormatException or ArgumentException or System.Runtime.InteropServices.ExternalException)
        {
            throw new InvalidDataException($"{path}: checkpoint is truncated or corrupt ({e.GetType().Name}: {SectionedFile.FirstLine(e.Message)}).", e);
        }
    }


    private sealed record Header(string Library, long Step, string Generator, string Critic, string Loss,
        string[] Regularizers, long GeneratorParameters, long CriticParameters, string GeneratorOptimizer, string CriticOptimizer)
    {
        public static Header Of<TG, TC>(GanTrainer<TG, TC> t) where TG : Generator where TC : Critic => new(
            typeof(GanCheckpoint).Assembly.GetName().Version?.ToString() ?? "?", t.Step,
            t.Generator.GetType().Name, t.Critic.GetType().Name, t.Loss.Name,
            t.Regularizers.Select(r => r.Name).ToArray(),
            t.Generator.parameters().Sum(p => p.numel()), t.Critic.parameters().Sum(p => p.numel()),
            t.GeneratorOptimizer.GetType().Name, t.CriticOptimizer.GetType().Name);

        public string? MismatchWith(Header current)
        {
            if (Generator != current.Generator || Critic != current.Critic) return $"networks {Generator}/{Critic} vs {current.Generator}/{current.Critic}";
            if (Loss != current.Loss) return $"loss '{Loss}' vs '{current.Loss}'";
            if (GeneratorOptimizer != current.GeneratorOptimizer || CriticOptimizer != current.CriticOptimizer)
                return $"optimisers {GeneratorOptimizer}/{CriticOptimizer} vs {current.GeneratorOptimizer}/{current.CriticOptimizer}";
            if (!Regularizers.SequenceEqual(current.Regularizers)) return $"regularisers [{string.Join(", ", Regularizers)}] vs [{string.Join(", ", current.Regularizers)}]";
            if (GeneratorParameters != current.GeneratorParameters || CriticParameters != current.CriticParameters)
                return $"parameter counts {GeneratorParameters}/{CriticParameters} vs {current.GeneratorParameters}/{current.CriticParameters}";
            return null;
        }
    }
}
