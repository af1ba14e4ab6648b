using System.Globalization;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace BeyondGan.Tabular.Data;

/// <summary>
/// Reads the flat columns of a Parquet file into a <see cref="RawTable"/>: numbers are written invariantly,
/// date-times as ISO 8601, nulls become missing (written back as empty cells; a missing token stored as text, such as
/// "?", is written back as stored). Nested columns are refused.
/// </summary>
public static class ParquetTableReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    public static RawTable Read(string path, MissingValues? missing = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        missing ??= new MissingValues();
        try
        {
            return ReadAsync(path, missing).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not TabularDataException and (IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException))
        {
            throw new TabularDataException(path, $"not a readable Parquet file ({e.Message.ReplaceLineEndings(" ")}).");
        }
    }

    private static async Task<RawTable> ReadAsync(string path, MissingValues missing)
    {
        await using var stream = File.OpenRead(path);
        var result = await ParquetSerializer.DeserializeUntypedAsync(stream);
        if (result.Schema.Fields.Any(f => f.SchemaType != SchemaType.Data))
            throw new TabularDataException(path, "nested Parquet columns (lists, maps, structs) are not supported; flatten the table first.");
        var names = result.Schema.GetDataFields().Select(f => f.Name).ToArray();
        if (names.Length == 0) throw new TabularDataException(path, "the file has no columns.");
        CsvTableReader.ValidateHeader(path, names);
        if (result.Data.Count == 0) throw new TabularDataException(path, "the file has columns but no rows.");
        var columns = names.Select(_ => new string?[result.Data.Count]).ToArray();
        var pools = names.Select(_ => new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
        var spellings = names.Select(n => new SpellingRecorder(n)).ToArray();
        for (int r = 0; r < result.Data.Count; r++)
        {
            var row = result.Data[r];
            for (int c = 0; c < names.Length; c++)
            {
                var written = Format(row.GetValueOrDefault(names[c])) ?? "";
                var text = written.Trim();
                if (missing.IsMissing(text)) { spellings[c].Add(written, null); continue; }
                if (pools[c].Count < 10_000)
                {
                    if (!pools[c].TryGetValue(text, out var shared)) pools[c][text] = shared = text;
                    text = shared;
                }
                columns[c][r] = text;
                spellings[c].Add(written, text);
            }
        }
        var finished = spellings.Select((s, c) => s.Finish(columns[c])).ToArray();
        var format = TextFormat.Default with { Columns = names.Select((n, c) => (n, finished[c].Spelling)).ToDictionary(p => p.n, p => p.Spelling, StringComparer.Ordinal) };
        // Parquet has no lines: rows are numbered as if a header came first (row 1 is "line 2").
        return new RawTable(path, names, columns, format: format, verbatim: finished.Select(f => f.Verbatim).ToList());
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => double.IsNaN(d) ? null : d.ToString("R", CultureInfo.InvariantCulture),
        float f => float.IsNaN(f) ? null : f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
