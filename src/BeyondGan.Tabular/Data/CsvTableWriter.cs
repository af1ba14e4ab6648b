using System.Globalization;
using System.Text;
using BeyondGan.IO;
using CsvHelper;
using CsvHelper.Configuration;

namespace BeyondGan.Tabular.Data;

/// <summary>
/// Writes tables as UTF-8 CSV in a <see cref="TextFormat"/> (the input's delimiter, line ending, white space and
/// missing tokens; cells read from a file come back as they were written), quoting only the fields that need it
/// (a delimiter, a quote or a line break inside). A file is written atomically: rows stream to a temporary file,
/// renamed over the target by <see cref="Commit"/>; disposing without committing leaves the target as it was.
/// </summary>
public sealed class CsvTableWriter : IDisposable
{
    private readonly PendingFile? file;
    private readonly StreamWriter? stream;
    private readonly CsvWriter csv;
    private readonly IReadOnlyList<string> columns;

    private CsvTableWriter(TextWriter writer, IReadOnlyList<string> columns, TextFormat format, PendingFile? file = null)
    {
        this.file = file;
        this.columns = columns;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = format.Delimiter,
            NewLine = format.NewLine,
            ShouldQuote = args => args.Field is { Length: > 0 } f
                && (f.Contains('"') || f.Contains('\r') || f.Contains('\n') || f.Contains(format.Delimiter, StringComparison.Ordinal)),
        };
        csv = new CsvWriter(writer, config, leaveOpen: true);
        foreach (var name in columns) csv.WriteField(format.Of(name).Header);
        csv.NextRecord();
    }

    private CsvTableWriter(PendingFile file, IReadOnlyList<string> columns, TextFormat format)
        : this(NewStream(file, out var stream), columns, format, file) => this.stream = stream;

    private static StreamWriter NewStream(PendingFile file, out StreamWriter stream) =>
        stream = new StreamWriter(file.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);

    /// <summary>Starts writing <paramref name="path"/> with a header of <paramref name="columns"/> in <paramref name="format"/>.</summary>
    public static CsvTableWriter Create(string path, IReadOnlyList<string> columns, TextFormat format) =>
        new(AtomicFile.Begin(path), columns, format);

    /// <summary>Starts writing to <paramref name="writer"/> (nothing atomic: the caller owns it).</summary>
    public static CsvTableWriter Create(TextWriter writer, IReadOnlyList<string> columns, TextFormat format) => new(writer, columns, format);

    /// <summary>Rows written so far.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Appends the rows of <paramref name="rows"/>, which must have this file's columns in this order.</summary>
    public void Write(RawTable rows)
    {
        if (!rows.Columns.SequenceEqual(columns)) throw new ArgumentException("The rows' columns differ from the file's header.");
        for (int r = 0; r < rows.RowCount; r++)
        {
            for (int c = 0; c < columns.Count; c++) csv.WriteField(rows.Written(c, r));
            csv.NextRecord();
        }
        RowsWritten += rows.RowCount;
    }

    /// <summary>Finishes the file: flushed, synced and renamed over the target.</summary>
    public void Commit()
    {
        CloseWriters();
        file?.Commit();
    }

    private bool closed;

    private void CloseWriters()
    {
        if (closed) return;
        closed = true;
        csv.Dispose();
        stream?.Dispose();
    }

    /// <summary>Closes the writer; an uncommitted file is removed.</summary>
    public void Dispose()
    {
        try { CloseWriters(); }
        finally { file?.Dispose(); }
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> in the table's format, atomically.</summary>
    public static void Write(string path, RawTable table)
    {
        using var writer = Create(path, table.Columns, table.Format);
        writer.Write(table);
        writer.Commit();
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="writer"/> in the table's format.</summary>
    public static void Write(TextWriter writer, RawTable table)
    {
        using var w = Create(writer, table.Columns, table.Format);
        w.Write(table);
        w.Commit();
    }
}
