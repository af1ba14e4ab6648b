using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;

namespace BeyondGan.Evaluation.Validity;

/// <summary>One column's validity checks on the synthetic table.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Kind">How the column is modelled.</param>
/// <param name="OutOfRange">Share of synthetic values outside the real [min, max] (numeric columns).</param>
/// <param name="UnseenCategories">Share of synthetic values that are not a real category (discrete columns).</param>
/// <param name="WrongType">Share of synthetic values that do not read as the column's type (numeric and datetime columns).</param>
/// <param name="Examples">Up to five offending values, for the report.</param>
public sealed record ColumnValidity(string Column, ColumnKind Kind, double OutOfRange, double UnseenCategories, double WrongType, IReadOnlyList<string> Examples);

/// <summary>
/// Validity diagnostics: does each synthetic value look like a value of its column? Values outside the real range,
/// categories the real table never had, values of the wrong type, duplicated rows, and columns missing from the
/// synthetic table. Identifier and ignored columns are left out.
/// </summary>
/// <param name="Columns">Per-column checks.</param>
/// <param name="ValidRows">Share of synthetic rows with no out-of-range, unseen or wrong-type value.</param>
/// <param name="DuplicateRows">Share of synthetic rows that repeat an earlier synthetic row.</param>
/// <param name="RealDuplicateRows">The same share in the real table, as the baseline.</param>
/// <param name="MissingColumns">Modelled columns the synthetic table lacks.</param>
/// <param name="ExtraColumns">Synthetic columns the real table lacks.</param>
public sealed record ValidityReport(IReadOnlyList<ColumnValidity> Columns, double ValidRows, double DuplicateRows, double RealDuplicateRows,
    IReadOnlyList<string> MissingColumns, IReadOnlyList<string> ExtraColumns)
{
    /// <summary>Checks <paramref name="synthetic"/> against <paramref name="real"/>.</summary>
    public static ValidityReport Compute(RawTable real, RawTable synthetic, TableSchema schema)
    {
        var modelled = schema.Columns.Where(c => c.IsNumeric || c.IsDiscrete).ToList();
        var present = modelled.Where(c => synthetic.IndexOf(c.Name) >= 0).ToList();
        var missing = modelled.Where(c => synthetic.IndexOf(c.Name) < 0).Select(c => c.Name).ToList();
        var extra = synthetic.Columns.Where(n => real.IndexOf(n) < 0).ToList();
        var badRow = new bool[synthetic.RowCount];
        var columns = new List<ColumnValidity>();
        foreach (var c in present)
        {
            var cells = synthetic.Column(c.Name);
            int outOfRange = 0, unseen = 0, wrongType = 0;
            var examples = new List<string>();
            void Flag(int row, string value)
            {
                badRow[row] = true;
                if (examples.Count < 5 && !examples.Contains(value)) examples.Add(value);
            }
            if (c.IsNumeric)
            {
                double min = double.PositiveInfinity, max = double.NegativeInfinity;
                foreach (var cell in real.Column(c.Name))
                    if (cell is not null && ContinuousEncoder.TryParse(c, cell, out var v)) { min = Math.Min(min, v); max = Math.Max(max, v); }
                for (int r = 0; r < cells.Length; r++)
                {
                    if (cells[r] is not string cell) continue;
                    if (!ContinuousEncoder.TryParse(c, cell, out var v)) { wrongType++; Flag(r, cell); }
                    else if (v < min || v > max) { outOfRange++; Flag(r, cell); }
                }
            }
            else
            {
                var levels = real.Column(c.Name).Select(v => v ?? "").ToHashSet();
                for (int r = 0; r < cells.Length; r++)
                    if (!levels.Contains(cells[r] ?? "")) { unseen++; Flag(r, cells[r] ?? MissingValues.Label); }
            }
            double n = Math.Max(1, cells.Length);
            columns.Add(new ColumnValidity(c.Name, c.Kind, outOfRange / n, unseen / n, wrongType / n, examples));
        }
        return new ValidityReport(columns,
            synthetic.RowCount == 0 ? 0 : (double)badRow.Count(b => !b) / synthetic.RowCount,
            DuplicateShare(synthetic, present), DuplicateShare(real, present), missing, extra);
    }

    /// <summary>Share of rows whose <paramref name="columns"/> repeat those of an earlier row.</summary>
    public static double DuplicateShare(RawTable table, IReadOnlyList<ColumnSchema> columns)
    {
        if (table.RowCount == 0) return 0;
        var cells = columns.Select(c => table.Column(c.Name)).ToArray();
        var seen = new HashSet<string>(table.RowCount);
        int duplicates = 0;
        var key = new System.Text.StringBuilder();
        for (int r = 0; r < table.RowCount; r++)
        {
            key.Clear();
            foreach (var col in cells) key.Append(col[r] ?? "\u0000").Append('\u001f');
            if (!seen.Add(key.ToString())) duplicates++;
        }
        return (double)duplicates / table.RowCount;
    }
}
