using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;

namespace BeyondGan.Evaluation.Fidelity;

/// <summary>Reads a column of a <see cref="RawTable"/> as numbers (datetimes as seconds) or as category labels.</summary>
public static class ColumnValues
{
    /// <summary>The column as numbers, read as the model reads them; missing or unparsable cells are NaN.</summary>
    public static double[] Numeric(RawTable table, ColumnSchema column)
    {
        var cells = table.Column(column.Name);
        var values = new double[cells.Length];
        for (int i = 0; i < cells.Length; i++) values[i] = ToNumber(cells[i], column);
        return values;
    }

    /// <summary>The column's labels, with missing as the label "(missing)".</summary>
    public static string[] Categorical(RawTable table, ColumnSchema column) =>
        table.Column(column.Name).Select(c => c ?? MissingValues.Label).ToArray();

    private static double ToNumber(string? cell, ColumnSchema column) =>
        cell is not null && ContinuousEncoder.TryParse(column, cell, out var value) ? value : double.NaN;
}
