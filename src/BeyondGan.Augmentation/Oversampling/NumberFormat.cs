using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;

namespace BeyondGan.Augmentation.Oversampling;

/// <summary>Writes interpolated numbers the way the input wrote the column (<see cref="ContinuousEncoder.Format(ColumnSchema, int, double)"/>), with the column's largest decimal count.</summary>
internal sealed class NumberFormat(ColumnSchema column, string?[] cells)
{
    private readonly int decimals = cells.Where(c => c is not null).Select(c => ContinuousEncoder.DecimalsOf(c!))
        .Aggregate(0, (d, x) => d < 0 || x < 0 ? -1 : Math.Max(d, x));

    public string Write(double value) => ContinuousEncoder.Format(column, decimals, value);
}
