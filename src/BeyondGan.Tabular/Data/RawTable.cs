namespace BeyondGan.Tabular.Data;

/// <summary>
/// A table as read: column names and trimmed text cells, column by column, with missing cells as null. Repeated
/// spellings share one string, so a categorical column costs one reference per row.
/// </summary>
public sealed class RawTable
{
    /// <summary>Creates a table; every column must have the same number of cells.</summary>
    public RawTable(string source, IReadOnlyList<string> columns, IReadOnlyList<string?[]> cells, int[]? lines = null)
    {
        if (columns.Count != cells.Count) throw new ArgumentException("One cell array per column is required.");
        Source = source;
        Columns = columns;
        Cells = cells;
        RowCount = cells.Count == 0 ? 0 : cells[0].Length;
        if (cells.Any(c => c.Length != RowCount)) throw new ArgumentException("All columns must have the same number of rows.");
        Lines = lines ?? Enumerable.Range(2, RowCount).ToArray();
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

    /// <summary>A table with the rows at <paramref name="rows"/>, in that order.</summary>
    public RawTable SelectRows(IReadOnlyList<int> rows)
    {
        var cells = Cells.Select(c => rows.Select(r => c[r]).ToArray()).ToList();
        return new RawTable(Source, Columns, cells, rows.Select(r => Lines[r]).ToArray());
    }
}
