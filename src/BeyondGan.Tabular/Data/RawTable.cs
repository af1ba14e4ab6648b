namespace BeyondGan.Tabular.Data;

/// <summary>
/// A table as read: column names and trimmed text cells, column by column, with missing cells as null. Repeated
/// spellings share one string, so a categorical column costs one reference per row. A table read from a file also
/// knows how it was written (<see cref="Format"/>, <see cref="Verbatim"/>), so that its rows can be written back exactly.
/// </summary>
public sealed class RawTable
{
    /// <summary>Creates a table; every column must have the same number of cells.</summary>
    /// <param name="source">Where the table came from (a path), for error messages.</param>
    /// <param name="columns">Column names in file order.</param>
    /// <param name="cells">Cells per column; null is a missing value.</param>
    /// <param name="lines">The 1-based source line of each row (default: 2, 3, …).</param>
    /// <param name="format">How the table is written (default <see cref="TextFormat.Default"/>).</param>
    /// <param name="verbatim">Per column, the written text of cells that the column's spelling does not reproduce (null entries and null columns: render the value).</param>
    public RawTable(string source, IReadOnlyList<string> columns, IReadOnlyList<string?[]> cells, int[]? lines = null,
        TextFormat? format = null, IReadOnlyList<string?[]?>? verbatim = null)
    {
        if (columns.Count != cells.Count) throw new ArgumentException("One cell array per column is required.");
        Source = source;
        Columns = columns;
        Cells = cells;
        RowCount = cells.Count == 0 ? 0 : cells[0].Length;
        if (cells.Any(c => c.Length != RowCount)) throw new ArgumentException("All columns must have the same number of rows.");
        Lines = lines ?? Enumerable.Range(2, RowCount).ToArray();
        Format = format ?? TextFormat.Default;
        if (verbatim is not null && (verbatim.Count != columns.Count || verbatim.Any(v => v is not null && v.Length != RowCount)))
            throw new ArgumentException("Verbatim cells must match the table's shape.");
        Verbatim = verbatim ?? new string?[]?[columns.Count];
    }

    /// <summary>Where the table came from (a path), for error messages.</summary>
    public string Source { get; }
    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Columns { get; }
    /// <summary>Cells per column; null is a missing value.</summary>
    public IReadOnlyList<string?[]> Cells { get; }
    /// <summary>Number of data rows.</summary>
    public int RowCount { get; }
    /// <summary>The 1-based source line of each row (for error messages).</summary>
    public int[] Lines { get; }
    /// <summary>How the table is written: delimiter, line ending, each column's spelling.</summary>
    public TextFormat Format { get; }
    /// <summary>Per column (null when none), the written text of the cells that the column's spelling would not reproduce.</summary>
    public IReadOnlyList<string?[]?> Verbatim { get; }

    /// <summary>Index of the column called <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Columns.Count; i++) if (Columns[i] == name) return i;
        return -1;
    }

    /// <summary>The cells of column <paramref name="name"/>.</summary>
    public string?[] Column(string name)
    {
        int i = IndexOf(name);
        if (i < 0) throw new TabularDataException(Source, $"there is no column '{name}' (columns: {string.Join(", ", Columns)}).");
        return Cells[i];
    }

    /// <summary>The text of a cell as the file wrote it (or, for a cell made in memory, as its column is spelled).</summary>
    public string Written(int column, int row) => Verbatim[column]?[row] ?? Format.Of(Columns[column]).Render(Cells[column][row]);

    /// <summary>A table with the rows at <paramref name="rows"/>, in that order.</summary>
    public RawTable SelectRows(IReadOnlyList<int> rows)
    {
        var cells = Cells.Select(c => rows.Select(r => c[r]).ToArray()).ToList();
        var verbatim = Verbatim.Select(v => v is null ? null : rows.Select(r => v[r]).ToArray()).ToList();
        return new RawTable(Source, Columns, cells, rows.Select(r => Lines[r]).ToArray(), Format, verbatim);
    }

    /// <summary>The rows of <paramref name="parts"/> (at least one, all with the same columns) one after the other, in the first part's format.</summary>
    public static RawTable Concatenate(IReadOnlyList<RawTable> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("Nothing to concatenate.");
        if (parts.Count == 1) return parts[0];
        var first = parts[0];
        if (parts.Any(p => !p.Columns.SequenceEqual(first.Columns))) throw new ArgumentException("Concatenated tables must have the same columns.");
        var cells = new List<string?[]>();
        var verbatim = new List<string?[]?>();
        for (int c = 0; c < first.Columns.Count; c++)
        {
            cells.Add(parts.SelectMany(p => p.Cells[c]).ToArray());
            verbatim.Add(parts.All(p => p.Verbatim[c] is null) ? null : parts.SelectMany(p => p.Verbatim[c] ?? new string?[p.RowCount]).ToArray());
        }
        return new RawTable(first.Source, first.Columns, cells, format: first.Format, verbatim: verbatim);
    }

    /// <summary>The same table written in <paramref name="format"/> (cells written verbatim are kept).</summary>
    public RawTable WithFormat(TextFormat format) => new(Source, Columns, Cells, Lines, format, Verbatim);
}
