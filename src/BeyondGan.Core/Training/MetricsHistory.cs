using BeyondGan.IO;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BeyondGan.Training;

/// <summary>
/// Per-step training metrics (losses, regulariser terms, custom values), kept in memory and written as CSV or JSON.
/// Columns appear in the order they were first recorded; a step without a value leaves the cell empty.
/// </summary>
public sealed class MetricsHistory
{
    private readonly List<string> columns = new();
    private readonly Dictionary<string, int> columnIndex = new(StringComparer.Ordinal);
    private readonly List<(long Step, Dictionary<int, double> Values)> rows = new();

    /// <summary>Metric names in first-recorded order.</summary>
    public IReadOnlyList<string> Columns => columns;

    /// <summary>Number of recorded steps.</summary>
    public int Count => rows.Count;

    /// <summary>Records <paramref name="value"/> of metric <paramref name="name"/> at <paramref name="step"/>.</summary>
    public void Record(long step, string name, double value)
    {
        if (!columnIndex.TryGetValue(name, out int c))
        {
            c = columns.Count;
            columns.Add(name);
            columnIndex[name] = c;
        }
        if (rows.Count == 0 || rows[^1].Step != step)
        {
            if (rows.Count > 0 && rows[^1].Step > step) throw new ArgumentException($"Step {step} recorded after step {rows[^1].Step}.");
            rows.Add((step, new Dictionary<int, double>()));
        }
        rows[^1].Values[c] = value;
    }

    /// <summary>Forgets every recorded step (keeps the column names), e.g. after summarising an epoch.</summary>
    public void Clear() => rows.Clear();

    /// <summary>All values of one metric as (step, value) pairs.</summary>
    public IEnumerable<(long Step, double Value)> Series(string name)
    {
        if (!columnIndex.TryGetValue(name, out int c)) yield break;
        foreach (var (step, values) in rows)
            if (values.TryGetValue(c, out double v)) yield return (step, v);
    }

    /// <summary>The most recent value of a metric, or null.</summary>
    public double? Last(string name) => Series(name).Select(p => (double?)p.Value).LastOrDefault();

    /// <summary>CSV text: a header <c>step,name1,name2,…</c> and one line per step, invariant culture, round-trip precision.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append("step");
        foreach (var c in columns) sb.Append(',').Append(c);
        sb.Append('\n');
        foreach (var (step, values) in rows)
        {
            sb.Append(step.ToString(CultureInfo.InvariantCulture));
            for (int c = 0; c < columns.Count; c++)
            {
                sb.Append(',');
                if (values.TryGetValue(c, out double v)) sb.Append(v.ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>JSON text: <c>{"columns": [...], "rows": [{"step": s, "name": v, ...}, ...]}</c>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("columns");
            foreach (var c in columns) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteStartArray("rows");
            foreach (var (step, values) in rows)
            {
                w.WriteStartObject();
                w.WriteNumber("step", step);
                foreach (var (c, v) in values.OrderBy(kv => kv.Key))
                {
                    if (double.IsFinite(v)) w.WriteNumber(columns[c], v);
                    else w.WriteNull(columns[c]);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Restores a history from <see cref="ToJson"/> output.</summary>
    public static MetricsHistory FromJson(string json)
    {
        var h = new MetricsHistory();
        using var doc = JsonDocument.Parse(json);
        foreach (var c in doc.RootElement.GetProperty("columns").EnumerateArray())
        {
            string name = c.GetString()!;
            h.columnIndex[name] = h.columns.Count;
            h.columns.Add(name);
        }
        foreach (var row in doc.RootElement.GetProperty("rows").EnumerateArray())
        {
            long step = row.GetProperty("step").GetInt64();
            foreach (var p in row.EnumerateObject())
                if (p.Name != "step") h.Record(step, p.Name, p.Value.ValueKind == JsonValueKind.Null ? double.NaN : p.Value.GetDouble());
        }
        return h;
    }

    /// <summary>Writes CSV (for a .csv path) or JSON (otherwise) atomically: a temporary file, then a rename.</summary>
    public void Save(string path)
    {
        string text = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ToCsv() : ToJson();
        AtomicFile.WriteAllText(path, text);
    }
}
