using System.Globalization;
using System.Text;
using BeyondGan.IO;
using CsvHelper;
using CsvHelper.Configuration;

namespace BeyondGan.Tabular.Data;

/// <summary>Writes a <see cref="RawTable"/> as UTF-8 CSV (comma, header row, quoting where needed), atomically.</summary>
public static class CsvTableWriter
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/>; missing cells are written empty.</summary>
    public static void Write(string path, RawTable table) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            Write(writer, table);
        });

    /// <summary>Writes <paramref name="table"/> to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, RawTable table)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var csv = new CsvWriter(writer, config, leaveOpen: true);
        foreach (var name in table.Columns) csv.WriteField(name);
        csv.NextRecord();
        for (int r = 0; r < table.RowCount; r++)
        {
            for (int c = 0; c < table.Columns.Count; c++) csv.WriteField(table.Cells[c][r] ?? "");
            csv.NextRecord();
        }
        csv.Flush();
    }
}
