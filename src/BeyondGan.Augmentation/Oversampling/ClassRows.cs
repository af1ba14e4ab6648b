using BeyondGan.Tabular.Data;

namespace BeyondGan.Augmentation.Oversampling;

/// <summary>The row indices of each class of a target column (missing as "(missing)").</summary>
internal static class ClassRows
{
    public const string MissingLabel = MissingValues.Label;

    public static Dictionary<string, List<int>> Of(RawTable table, string target)
    {
        var cells = table.Column(target);
        var rows = new Dictionary<string, List<int>>();
        for (int r = 0; r < cells.Length; r++)
        {
            string label = cells[r] ?? MissingLabel;
            if (!rows.TryGetValue(label, out var list)) rows[label] = list = [];
            list.Add(r);
        }
        return rows;
    }

    public static List<int> For(RawTable table, string target, string label) =>
        Of(table, target).TryGetValue(label, out var rows) ? rows : throw new ArgumentException($"'{label}' is not a class of '{target}'.");

    /// <summary>An empty cell array per column, to be filled row by row.</summary>
    public static string?[][] NewCells(RawTable like, int rows) => like.Columns.Select(_ => new string?[rows]).ToArray();
}
