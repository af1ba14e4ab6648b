using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace BeyondGan.Tabular.Data;

/// <summary>
/// Reads a CSV file with a header row (RFC 4180 quoting, UTF-8, delimiter detected unless given, cells trimmed)
/// into a <see cref="RawTable"/>, with the file's <see cref="TextFormat"/> (delimiter, line ending, each column's white
/// space and missing token). Ragged rows, bad quoting, an empty file or a header without rows are errors naming the
/// file and line.
/// </summary>
public static class CsvTableReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="delimiter">The delimiter, or null to detect it (comma, semicolon, tab or pipe).</param>
    /// <param name="missing">Spellings of missing values (default <see cref="MissingValues.DefaultTokens"/>).</param>
    public static RawTable Read(string path, string? delimiter = null, MissingValues? missing = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, delimiter, missing);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static RawTable Read(TextReader reader, string source, string? delimiter = null, MissingValues? missing = null)
    {
        missing ??= new MissingValues();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            DetectDelimiter = delimiter is null,
            DetectDelimiterValues = [",", ";", "\t", "|"],
            Delimiter = delimiter ?? ",",
            BadDataFound = null,
            IgnoreBlankLines = true,
            Mode = CsvMode.RFC4180,
        };
        using var parser = new CsvParser(reader, config);
        try
        {
            if (!parser.Read()) throw new TabularDataException(source, "the file is empty (a header row and at least one data row are needed).");
            var header = parser.Record!.Select(h => h.Trim()).ToArray();
            ValidateHeader(source, header);
            string newLine = LineEnding(parser.RawRecord);
            var headerTexts = WrittenFields(parser.RawRecord, parser.Delimiter, parser.Record!);
            var columns = new List<string?>[header.Length];
            var pools = new Dictionary<string, string>[header.Length];
            var spellings = new SpellingRecorder[header.Length];
            for (int c = 0; c < header.Length; c++)
            {
                columns[c] = new List<string?>();
                pools[c] = new Dictionary<string, string>(StringComparer.Ordinal);
                spellings[c] = new SpellingRecorder(headerTexts[c]);
            }
            var lines = new List<int>();
            while (parser.Read())
            {
                var record = parser.Record!;
                long line = parser.RawRow;
                if (record.Length == 1 && record[0].Length == 0) continue; // a blank line
                if (record.Length != header.Length)
                    throw new TabularDataException(source, $"this row has {record.Length} fields but the header has {header.Length}.", line);
                var written = WrittenFields(parser.RawRecord, parser.Delimiter, record);
                for (int c = 0; c < record.Length; c++)
                {
                    var cell = record[c].Trim();
                    if (missing.IsMissing(cell)) { columns[c].Add(null); spellings[c].Add(written[c], null); continue; }
                    // Share one string per distinct spelling while a column looks categorical (keeps memory down).
                    if (pools[c].Count < 10_000)
                    {
                        if (!pools[c].TryGetValue(cell, out var shared)) pools[c][cell] = shared = cell;
                        cell = shared;
                    }
                    columns[c].Add(cell);
                    spellings[c].Add(written[c], cell);
                }
                lines.Add((int)Math.Min(line, int.MaxValue));
            }
            if (lines.Count == 0) throw new TabularDataException(source, "the file has a header but no data rows.");
            var cells = columns.Select(c => c.ToArray()).ToList();
            var finished = spellings.Select((s, c) => s.Finish(cells[c])).ToArray();
            var format = new TextFormat(parser.Delimiter, newLine,
                header.Select((h, c) => (h, finished[c].Spelling)).ToDictionary(p => p.h, p => p.Spelling, StringComparer.Ordinal));
            return new RawTable(source, header, cells, lines.ToArray(), format, finished.Select(f => f.Verbatim).ToList());
        }
        catch (CsvHelperException e) when (e is not null)
        {
            long? line = e.Context?.Parser?.RawRow;
            throw new TabularDataException(source, $"malformed CSV ({e.GetType().Name.Replace("Exception", "")}).", line);
        }
    }

    private static string LineEnding(string raw) =>
        raw.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : raw.EndsWith('\r') ? "\r" : "\n";

    /// <summary>
    /// Each field of <paramref name="raw"/> (one record as it stood in the file) as written: its white space kept, its
    /// quotes removed. Where this scan does not agree with the parser's fields (<paramref name="parsed"/>), the parser's
    /// are returned, so an odd record loses only its white space, never a value.
    /// </summary>
    private static string[] WrittenFields(string raw, string delimiter, string[] parsed)
    {
        var fields = new List<string>(parsed.Length);
        var field = new StringBuilder();
        int end = raw.Length;
        while (end > 0 && raw[end - 1] is '\r' or '\n') end--;
        int i = 0;
        while (true)
        {
            field.Clear();
            int start = i;
            while (i < end && raw[i] == ' ') i++;
            if (i < end && raw[i] == '"')
            {
                field.Append(raw, start, i - start);
                for (i++; i < end; i++)
                {
                    if (raw[i] != '"') { field.Append(raw[i]); continue; }
                    if (i + 1 < end && raw[i + 1] == '"') { field.Append('"'); i++; continue; }
                    i++;
                    break;
                }
            }
            else i = start;
            int next = raw.IndexOf(delimiter, i, end - i, StringComparison.Ordinal);
            int stop = next < 0 ? end : next;
            field.Append(raw, i, stop - i);
            fields.Add(field.ToString());
            if (next < 0) break;
            i = next + delimiter.Length;
        }
        if (fields.Count != parsed.Length) return parsed;
        for (int c = 0; c < fields.Count; c++)
            if (fields[c].Trim() != parsed[c].Trim()) return parsed;
        return fields.ToArray();
    }

    internal static void ValidateHeader(string source, IReadOnlyList<string> header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            if (header[i].Length == 0) throw new TabularDataException(source, $"header field {i + 1} is empty; every column needs a name.", 1);
            if (!seen.Add(header[i])) throw new TabularDataException(source, $"the header names column '{header[i]}' twice.", 1);
        }
    }
}
