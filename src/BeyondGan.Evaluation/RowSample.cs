using BeyondGan.Tabular.Data;

namespace BeyondGan.Evaluation;

/// <summary>Seeded subsampling of large tables, so that evaluation time has a ceiling.</summary>
public static class RowSample
{
    /// <summary><paramref name="table"/> itself when it has at most <paramref name="max"/> rows, else <paramref name="max"/> rows drawn without replacement (kept in file order).</summary>
    public static RawTable AtMost(RawTable table, int max, int seed)
    {
        if (max <= 0 || table.RowCount <= max) return table;
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        new Random(seed).Shuffle(rows);
        return table.SelectRows(rows.Take(max).Order().ToArray());
    }
}
