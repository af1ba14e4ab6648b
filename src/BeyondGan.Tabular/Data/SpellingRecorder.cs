namespace BeyondGan.Tabular.Data;

/// <summary>
/// Learns a column's <see cref="ColumnSpelling"/> from its cells as they were written, and keeps the written text of the
/// cells that do not follow it (a second missing token, odd white space), so that real rows can be written back exactly.
/// </summary>
internal sealed class SpellingRecorder(string header)
{
    private readonly List<string?> written = [];   // null: the cell was written as its value (or empty when missing)
    private readonly Dictionary<string, int> missingTexts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), int> paddings = [];
    private readonly Dictionary<string, string> pool = new(StringComparer.Ordinal);

    /// <summary>Records one cell: <paramref name="text"/> as written, <paramref name="value"/> as read (null = missing).</summary>
    public void Add(string text, string? value)
    {
        if (value is null) Count(missingTexts, text);
        else
        {
            int start = text.Length - text.AsSpan().TrimStart().Length;
            var pad = (text[..start], text[(start + value.Length)..]);
            paddings[pad] = paddings.GetValueOrDefault(pad) + 1;
        }
        if (text == (value ?? "")) { written.Add(null); return; }
        if (!pool.TryGetValue(text, out var shared)) pool[text] = shared = text;
        written.Add(shared);
    }

    /// <summary>The column's spelling, and the written text of every cell that <see cref="ColumnSpelling.Render"/> would not reproduce (null where it would; null when none).</summary>
    public (ColumnSpelling Spelling, string?[]? Verbatim) Finish(IReadOnlyList<string?> values)
    {
        var (leading, trailing) = paddings.Count == 0 ? ("", "") : Commonest(paddings);
        var spelling = new ColumnSpelling(header, leading, trailing, missingTexts.Count == 0 ? "" : Commonest(missingTexts));
        string?[]? verbatim = null;
        for (int r = 0; r < written.Count; r++)
        {
            string text = written[r] ?? values[r] ?? "";
            if (spelling.Render(values[r]) == text) continue;
            verbatim ??= new string?[written.Count];
            verbatim[r] = text;
        }
        return (spelling, verbatim);
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>The most frequent key; ties go to the one seen first.</summary>
    private static T Commonest<T>(Dictionary<T, int> counts) where T : notnull
    {
        var best = counts.First();
        foreach (var kv in counts) if (kv.Value > best.Value) best = kv;
        return best.Key;
    }
}
