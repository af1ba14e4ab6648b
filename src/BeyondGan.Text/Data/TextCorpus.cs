using System.Text;

namespace BeyondGan.Text.Data;

/// <summary>
/// A corpus of one sentence per line (UTF-8), as read from a file: the non-empty lines and where each was. A missing
/// file, a binary file, invalid UTF-8 or a file without a non-empty line is refused with one line naming the file
/// (and the line).
/// </summary>
public sealed class TextCorpus
{
    private TextCorpus(string source, IReadOnlyList<string> lines, IReadOnlyList<int> lineNumbers, int emptyLines, IReadOnlyList<string>? labels = null)
    {
        Source = source;
        Lines = lines;
        LineNumbers = lineNumbers;
        EmptyLines = emptyLines;
        Labels = labels;
    }

    /// <summary>Each sentence's label (a conditional corpus), or null.</summary>
    public IReadOnlyList<string>? Labels { get; }

    /// <summary>A labelled corpus from sentences and their labels (in memory).</summary>
    public static TextCorpus Labelled(string source, IReadOnlyList<string> lines, IReadOnlyList<string> labels)
    {
        if (lines.Count != labels.Count) throw new ArgumentException("one label per sentence is needed.");
        var keep = Enumerable.Range(0, lines.Count).Where(i => !string.IsNullOrWhiteSpace(lines[i])).ToList();
        if (keep.Count == 0) throw new InvalidDataException($"{source}: every sentence is empty; a corpus needs at least one sentence.");
        return new TextCorpus(source, keep.Select(i => lines[i]).ToList(), keep.Select(i => i + 1).ToList(), lines.Count - keep.Count, keep.Select(i => labels[i]).ToList());
    }

    /// <summary>
    /// Reads the sentences of <paramref name="column"/> of a CSV or Parquet table (the tabular reader's rules), with
    /// each row's label from <paramref name="labelColumn"/> if given; missing sentences are skipped, a missing label or a
    /// label column with one class is refused.
    /// </summary>
    public static TextCorpus ReadColumn(string path, string column, string? labelColumn = null)
    {
        var table = BeyondGan.Tabular.Data.TableReader.Read(path);
        string Missing(string c) => $"{path}: no column '{c}' (columns: {string.Join(", ", table.Columns)}).";
        if (!table.Columns.Contains(column)) throw new InvalidDataException(Missing(column));
        if (labelColumn is not null && !table.Columns.Contains(labelColumn)) throw new InvalidDataException(Missing(labelColumn));
        var text = table.Column(column);
        var label = labelColumn is null ? null : table.Column(labelColumn);
        var lines = new List<string>();
        var numbers = new List<int>();
        var labels = new List<string>();
        int empty = 0;
        for (int i = 0; i < table.RowCount; i++)
        {
            if (string.IsNullOrWhiteSpace(text[i])) { empty++; continue; }
            if (label is not null)
            {
                if (string.IsNullOrWhiteSpace(label[i])) throw new InvalidDataException($"{path}, line {table.Lines[i]}, column {labelColumn}: the label is missing.");
                labels.Add(label[i]!.Trim());
            }
            lines.Add(text[i]!);
            numbers.Add(table.Lines[i]);
        }
        if (lines.Count == 0) throw new InvalidDataException($"{path}: column '{column}' has no sentence.");
        if (label is not null && labels.Distinct().Count() < 2)
            throw new InvalidDataException($"{path}: the label column '{labelColumn}' has one class ({labels[0]}); a conditional model needs at least two.");
        return new TextCorpus(path, lines, numbers, empty, label is null ? null : labels);
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
