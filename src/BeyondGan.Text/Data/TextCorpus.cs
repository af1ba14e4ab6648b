using System.Text;

namespace BeyondGan.Text.Data;

/// <summary>
/// A corpus of one sentence per line (UTF-8), as read from a file: the non-empty lines and where each was. A missing
/// file, a binary file, invalid UTF-8 or a file without a non-empty line is refused with one line naming the file
/// (and the line).
/// </summary>
public sealed class TextCorpus
{
    private TextCorpus(string source, IReadOnlyList<string> lines, IReadOnlyList<int> lineNumbers, int emptyLines)
    {
        Source = source;
        Lines = lines;
        LineNumbers = lineNumbers;
        EmptyLines = emptyLines;
    }

    /// <summary>The file's name, for messages.</summary>
    public string Source { get; }
    /// <summary>The non-empty lines, without line endings.</summary>
    public IReadOnlyList<string> Lines { get; }
    /// <summary>Each line's 1-based line number in the file.</summary>
    public IReadOnlyList<int> LineNumbers { get; }
    /// <summary>Empty (or white-space only) lines skipped.</summary>
    public int EmptyLines { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static TextCorpus Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        var bytes = File.ReadAllBytes(path);
        return Parse(path, bytes);
    }

    /// <summary>Reads a corpus from <paramref name="bytes"/> named <paramref name="source"/>.</summary>
    public static TextCorpus Parse(string source, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) throw new InvalidDataException($"{source}: the file is empty.");
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        int start = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var lines = new List<string>();
        var numbers = new List<int>();
        int empty = 0, lineNumber = 0;
        while (start <= bytes.Length)
        {
            int end = bytes[start..].IndexOf((byte)'\n');
            var line = end < 0 ? bytes[start..] : bytes.Slice(start, end);
            lineNumber++;
            if (end < 0 && line.IsEmpty) break;   // the file ends with a line ending
            if (line.IndexOf((byte)0) >= 0) throw new InvalidDataException($"{source}, line {lineNumber}: a NUL byte; this looks like a binary file, not text of one sentence per line.");
            string text;
            try { text = decoder.GetString(line); }
            catch (DecoderFallbackException) { throw new InvalidDataException($"{source}, line {lineNumber}: not valid UTF-8 text."); }
            text = text.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(text)) empty++;
            else { lines.Add(text); numbers.Add(lineNumber); }
            if (end < 0) break;
            start += end + 1;
        }
        if (lines.Count == 0) throw new InvalidDataException($"{source}: every line is empty; a corpus needs at least one sentence.");
        return new TextCorpus(source, lines, numbers, empty);
    }
}
