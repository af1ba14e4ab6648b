using BeyondGan.TimeSeries.Data;
using BeyondGan.TimeSeries.Transform;

namespace BeyondGan.TimeSeries.Evaluation;

/// <summary>
/// Sequences of a long-format table as the scores read them: each number feature a float, each category one float
/// per level (its one-hot), a missing value the feature's previous value (0 at the start) — then, by
/// <see cref="WindowSet.MinMaxByFirst"/>, min-max scaled by the real data. A panel gives one sequence per entity (up to
/// the longest); a single series its windows (stride 1). The time column is not a feature.
/// </summary>
public static class SequenceWindows
{
    /// <summary>The feature layout of <paramref name="encoder"/>'s features as score inputs: per number 1 float, per category its levels.</summary>
    public static int Width(SequenceEncoder encoder) => encoder.Features.Sum(f => f is CategoryStepEncoder c ? c.Levels.Length : 1);

    /// <summary>
    /// <paramref name="table"/>'s sequences (or a single series' windows of the schema's length) with
    /// <paramref name="encoder"/>'s features, cut at <paramref name="maxLength"/> steps; with <paramref name="exact"/>,
    /// the set's length is <paramref name="maxLength"/> even when every sequence is shorter (to compare with another set).
    /// </summary>
    public static WindowSet Of(SequenceTable table, SequenceEncoder encoder, int maxLength, bool exact = false)
    {
        var sequences = table.TrainingSequences();
        int width = Width(encoder);
        int length = exact ? maxLength : Math.Min(maxLength, sequences.Max(s => s.Length));
        var values = new float[(long)sequences.Count * length * width];
        var lengths = new int[sequences.Count];
        for (int i = 0; i < sequences.Count; i++)
        {
            var s = sequences[i];
            int n = Math.Min(length, s.Length);
            lengths[i] = n;
            int offset = 0;
            foreach (var f in encoder.Features)
            {
                var cells = table.Table.Column(f.Column.Name);
                float last = 0;
                for (int t = 0; t < n; t++)
                {
                    var cell = cells[s.Rows[t]];
                    long at = ((long)i * length + t) * width + offset;
                    if (f is CategoryStepEncoder c)
                    {
                        int level = c.IndexOf(cell);
                        if (level >= 0) values[at + level] = 1f;
                    }
                    else
                    {
                        if (cell is not null && BeyondGan.Tabular.Transform.ContinuousEncoder.TryParse(f.Column, cell, out var v)) last = (float)v;
                        values[at] = last;
                    }
                }
                offset += f is CategoryStepEncoder cat ? cat.Levels.Length : 1;
            }
        }
        return new WindowSet(values, sequences.Count, length, width, lengths);
    }
}
