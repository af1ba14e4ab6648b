using System.Globalization;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;

namespace BeyondGan.Augmentation.Oversampling;

/// <summary>Writes interpolated numbers the way the input wrote the column: integers rounded, dates in their format, decimals as many as the input had.</summary>
internal sealed class NumberFormat
{
    private readonly ColumnSchema column;
    private readonly int decimals;

    public NumberFormat(ColumnSchema column, string?[] cells)
    {
        this.column = column;
        foreach (var cell in cells)
        {
            if (cell is null) continue;
            if (cell.Contains('e') || cell.Contains('E')) { decimals = -1; break; }
            int dot = cell.IndexOf('.');
            if (dot >= 0) decimals = Math.Max(decimals, Math.Min(cell.Length - dot - 1, 10));
        }
    }

    public string Write(double value) => column.Kind switch
    {
        ColumnKind.Integer => Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture),
        ColumnKind.DateTime => ContinuousEncoder.Epoch.AddSeconds(Math.Round(value)).ToString(column.Format, CultureInfo.InvariantCulture),
        _ => decimals < 0 ? value.ToString("R", CultureInfo.InvariantCulture)
                          : Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture),
    };
}
