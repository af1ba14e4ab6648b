using System.Text;

namespace BeyondGan.IO;

/// <summary>
/// The kinds of BeyondGan file, told apart by the 8 magic bytes each starts with, so that opening a file of one kind
/// where another is expected says which it is and which command reads it.
/// </summary>
public static class ModelFileKinds
{
    /// <summary>Magic bytes, what the file is, and the command that reads it.</summary>
    public static readonly IReadOnlyList<(string Magic, string Kind, string Command)> Known =
    [
        ("BGANTABL", "a tabular model", "beyondgan tabular sample"),
        ("BGANSEQS", "a time-series model", "beyondgan timeseries sample"),
        ("BGANTEXT", "a text model", "beyondgan text sample"),
        ("BGANAUDI", "an audio model", "beyondgan audio sample"),
        ("BGANACLS", "a cached audio classifier", "beyondgan audio evaluate"),
        ("BGANCKPT", "a training checkpoint", "--resume"),
    ];

    /// <summary>
    /// The one-line error for <paramref name="path"/>, which should be <paramref name="expectedKind"/> but starts with
    /// <paramref name="found"/>: names the kind it is when it is a BeyondGan file of another kind.
    /// </summary>
    public static string WrongKind(string path, string expectedKind, ReadOnlySpan<byte> found)
    {
        string magic = found.Length == 8 ? Encoding.ASCII.GetString(found) : "";
        foreach (var (m, kind, command) in Known)
            if (m == magic) return $"{path}: this is {kind}, not {expectedKind}; read it with `{command}`.";
        return $"{path}: not {expectedKind} (it does not start with a BeyondGan file's magic bytes).";
    }
}
