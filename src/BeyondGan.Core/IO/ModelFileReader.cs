using System.Text.Json;

namespace BeyondGan.IO;

/// <summary>
/// The reading side every BeyondGan model file shares: the magic bytes and the format version checked with one-line
/// errors naming the file, and any low-level failure while reading (a short read, bad JSON, weights of the wrong shape)
/// turned into "PATH: the model file is truncated or corrupt (…)". Errors that already name the file pass unchanged.
/// </summary>
public static class ModelFileReader
{
    /// <summary>
    /// Reads the magic and the format version at the start of <paramref name="r"/>: another kind of file is refused
    /// (naming its kind when it is a BeyondGan file), and so is a version outside [<paramref name="oldest"/>,
    /// <paramref name="current"/>]. <paramref name="kind"/> names the expected kind ("time-series model").
    /// </summary>
    public static int ReadFraming(BinaryReader r, string path, ReadOnlySpan<byte> magic, string kind, int oldest, int current)
    {
        var found = r.ReadBytes(magic.Length);
        if (!found.AsSpan().SequenceEqual(magic)) throw new InvalidDataException(ModelFileKinds.WrongKind(path, $"a BeyondGan {kind}", found));
        int version = r.ReadInt32();
        if (version < oldest || version > current)
        {
            string reads = oldest == current ? $"version {current}" : $"versions {oldest} to {current}";
            throw new InvalidDataException($"{path}: {kind} format version {version}, but this build of BeyondGan reads {reads}; refit the model with this version.");
        }
        return version;
    }

    /// <summary>Runs <paramref name="read"/>, turning a low-level failure into the one-line "truncated or corrupt" error for <paramref name="path"/>.</summary>
    public static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsCorruption(e, path))
        {
            throw new InvalidDataException($"{path}: the model file is truncated or corrupt ({SectionedFile.FirstLine(e.Message)}).", e);
        }
    }

    private static bool IsCorruption(Exception e, string path) =>
        e is not FileNotFoundException
        && !(e is InvalidDataException && e.Message.StartsWith(path, StringComparison.Ordinal))
        && e is EndOfStreamException or InvalidDataException or IOException or JsonException or FormatException or ArgumentException
            or InvalidOperationException or NotSupportedException or System.Runtime.InteropServices.ExternalException;
}
