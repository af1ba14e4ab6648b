namespace BeyondGan.Audio.Data;

/// <summary>
/// Writes clips as 16-bit WAV files named by label and index (<c>7_00012.wav</c>, or <c>clip_00012.wav</c> unlabelled) into a
/// folder that appears whole or not at all: the files go into a temporary sibling folder, renamed to the target when every
/// clip is written; a cancellation or failure removes it. The target must not exist, or be empty.
/// </summary>
public static class ClipFolderWriter
{
    /// <summary>The file name of clip <paramref name="index"/> with <paramref name="label"/>.</summary>
    public static string FileName(string? label, long index) => $"{label ?? "clip"}_{index:D5}.wav";

    /// <summary>Throws when <paramref name="folder"/> exists and holds anything (nothing is ever overwritten).</summary>
    public static void CheckTarget(string folder)
    {
        if (File.Exists(folder)) throw new AudioDataException($"{folder}: is a file; --out needs a folder (it is created).");
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new AudioDataException($"{folder}: the folder exists and is not empty; give a new or empty folder.");
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder));
        if (parent is not null && !Directory.Exists(parent)) throw new AudioDataException($"{folder}: the folder {parent} does not exist.");
    }

    /// <summary>
    /// Writes <paramref name="clips"/> (numbered from <paramref name="firstIndex"/>) into <paramref name="folder"/>; returns how many
    /// were written, or −1 when cancelled (then nothing is left behind). <paramref name="written"/> is told each count.
    /// </summary>
    public static long Write(string folder, IEnumerable<(float[] Samples, string? Label)> clips, int sampleRate, long firstIndex = 0,
        CancellationToken cancellation = default, Action<long>? written = null)
    {
        CheckTarget(folder);
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var temporary = $"{full}.partial-{Environment.ProcessId}";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        Directory.CreateDirectory(temporary);
        try
        {
            long n = 0;
            foreach (var (samples, label) in clips)
            {
                if (cancellation.IsCancellationRequested) { Directory.Delete(temporary, recursive: true); return -1; }
                File.WriteAllBytes(Path.Combine(temporary, FileName(label, firstIndex + n)), WavFile.Encode(samples, sampleRate));
                n++;
                written?.Invoke(n);   // not `written?.Invoke(++n)`: a null callback would skip the increment
            }
            if (Directory.Exists(full)) Directory.Delete(full);   // empty (checked above)
            Directory.Move(temporary, full);
            return n;
        }
        catch
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
            throw;
        }
    }
}
