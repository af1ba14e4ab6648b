using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace BeyondGan.Audio.Data;

/// <summary>
/// A set of clips: every <c>.wav</c> file of a folder (sorted by name), or the rows of a CSV manifest with a
/// <c>path</c> (or <c>file</c>) column, relative to the manifest's folder, and optionally a label column. Labels come from
/// the manifest or from a regular expression on each file name whose first group is the label (<c>^(\d)_</c>).
/// </summary>
public sealed class AudioFolder
{
    private AudioFolder(string source, IReadOnlyList<AudioClip> clips, int mixedDown)
    {
        Source = source;
        Clips = clips;
        MixedDown = mixedDown;
    }

    /// <summary>The folder or manifest read.</summary>
    public string Source { get; }
    /// <summary>The clips, in file-name (or manifest) order.</summary>
    public IReadOnlyList<AudioClip> Clips { get; }
    /// <summary>Clips with more than one channel, mixed down to mono.</summary>
    public int MixedDown { get; }
    /// <summary>The distinct labels in ordinal order (empty when unlabelled).</summary>
    public IReadOnlyList<string> Labels => Clips.Where(c => c.Label is not null).Select(c => c.Label!).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Reads <paramref name="path"/> (a folder or a .csv manifest). <paramref name="labelPattern"/> labels clips from their
    /// file names; a file it does not match is refused by name. A missing or empty folder, a non-WAV file and an unknown
    /// manifest column are refused in one line.
    /// </summary>
    public static AudioFolder Read(string path, string? labelPattern = null, string labelColumn = "label")
    {
        Regex? pattern = null;
        if (labelPattern is not null)
        {
            try { pattern = new Regex(labelPattern, RegexOptions.CultureInvariant); }
            catch (ArgumentException e) { throw new AudioDataException($"--label-pattern {labelPattern}: not a regular expression ({e.Message})."); }
            if (pattern.GetGroupNumbers().Length < 2) throw new AudioDataException($"--label-pattern {labelPattern}: needs a group, ( ), around the label.");
        }
        List<(string File, string? Label)> entries;
        if (Directory.Exists(path))
        {
            entries = Directory.EnumerateFiles(path).Where(f => f.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).Select(f => (f, (string?)null)).ToList();
            if (entries.Count == 0) throw new AudioDataException($"{path}: no .wav files in this folder.");
        }
        else if (File.Exists(path) && path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) entries = ReadManifest(path, labelColumn);
        else if (File.Exists(path)) throw new AudioDataException($"{path}: expected a folder of .wav files or a .csv manifest.");
        else throw new AudioDataException($"{path}: folder not found.");

        var clips = new List<AudioClip>(entries.Count);
        int mixed = 0;
        foreach (var (file, manifestLabel) in entries)
        {
            string? label = manifestLabel;
            if (pattern is not null)
            {
                var m = pattern.Match(Path.GetFileName(file));
                if (!m.Success || m.Groups[1].Value.Length == 0)
                    throw new AudioDataException($"{file}: the label pattern {labelPattern} does not match this file name.");
                label = m.Groups[1].Value;
            }
            var clip = WavFile.Read(file, label);
            if (clip.Channels > 1) mixed++;
            clips.Add(clip);
        }
        return new AudioFolder(path, clips, mixed);
    }

    /// <summary>Clips made in memory (the demo's sounds, tests).</summary>
    public static AudioFolder FromClips(string source, IReadOnlyList<AudioClip> clips) =>
        clips.Count == 0 ? throw new AudioDataException($"{source}: no clips.") : new AudioFolder(source, clips, clips.Count(c => c.Channels > 1));

    private static List<(string, string?)> ReadManifest(string path, string labelColumn)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        if (!csv.Read() || !csv.ReadHeader()) throw new AudioDataException($"{path}: empty manifest (a header with a path column is needed).");
        var header = csv.HeaderRecord!;
        int pathIndex = Array.FindIndex(header, h => h is "path" or "file");
        if (pathIndex < 0) throw new AudioDataException($"{path}, line 1: no path or file column (columns: {string.Join(", ", header)}).");
        int labelIndex = labelColumn == "none" ? -1 : Array.IndexOf(header, labelColumn);
        if (labelIndex < 0 && labelColumn is not ("label" or "none"))
            throw new AudioDataException($"{path}, line 1: no column {labelColumn} (columns: {string.Join(", ", header)}); --label-column none reads the clips unlabelled.");
        var entries = new List<(string, string?)>();
        while (csv.Read())
        {
            long line = csv.Parser.RawRow;
            var file = csv.GetField(pathIndex);
            if (string.IsNullOrWhiteSpace(file)) throw new AudioDataException($"{path}, line {line}, column {header[pathIndex]}: empty path.");
            string? label = labelIndex >= 0 ? csv.GetField(labelIndex) : null;
            if (labelIndex >= 0 && string.IsNullOrEmpty(label)) throw new AudioDataException($"{path}, line {line}, column {labelColumn}: empty label.");
            entries.Add((Path.Combine(folder, file!), label));
        }
        if (entries.Count == 0) throw new AudioDataException($"{path}: the manifest lists no clips.");
        return entries;
    }
}
