using System.Text;

namespace BeyondGan.IO;

/// <summary>
/// Writes files so that a reader never sees a half-written one: the content goes to a temporary file in the same
/// folder, which is renamed over the target only when complete. On failure the temporary file is removed.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var file = Begin(path);
        write(file.Stream);
        file.Commit();
    }

    /// <summary>
    /// Starts writing <paramref name="path"/> for a writer that streams: write to <see cref="PendingFile.Stream"/>, then
    /// <see cref="PendingFile.Commit"/>. Disposing an uncommitted file (an error, an interruption) removes it, and the
    /// target is left as it was.
    /// </summary>
    public static PendingFile Begin(string path)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{path}: the folder {dir} does not exist.");
        string tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        return new PendingFile(full, tmp, new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
    }

    /// <summary>Writes UTF-8 text (no byte-order mark) atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s => { var bytes = new UTF8Encoding(false).GetBytes(text); s.Write(bytes); });

    /// <summary>Writes bytes atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, s => s.Write(bytes));
}

/// <summary>A file being written by <see cref="AtomicFile.Begin"/>: invisible at its target until committed.</summary>
public sealed class PendingFile : IDisposable
{
    private readonly string target;
    private readonly string temporary;
    private bool done;

    internal PendingFile(string target, string temporary, FileStream stream)
    {
        this.target = target;
        this.temporary = temporary;
        Stream = stream;
    }

    /// <summary>Where to write the content.</summary>
    public FileStream Stream { get; }

    /// <summary>Flushes the content to disk and renames it over the target.</summary>
    public void Commit()
    {
        if (done) throw new InvalidOperationException("The file was already committed or abandoned.");
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(temporary, target, overwrite: true);
        done = true;
    }

    /// <summary>Removes the temporary file unless <see cref="Commit"/> succeeded.</summary>
    public void Dispose()
    {
        if (done) return;
        done = true;
        Stream.Dispose();
        try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
