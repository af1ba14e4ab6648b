using System.Globalization;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;

namespace BeyondGan.TimeSeries.Data;

/// <summary>
/// Reads a long-format table (one row per entity and time) as sequences. Rows are sorted by <c>--time</c> within each
/// entity (irregular gaps allowed); without <c>--time</c> the file's order is the time order. Columns constant within
/// every entity are static attributes unless <c>--static</c> says which; every other column is a feature, typed by
/// the tabular reader's inference (integer, continuous, categorical, boolean, datetime, with missing values). Bad
/// input — an unknown column, a time that does not parse, two rows of an entity at one time, an entity of one row, a
/// window longer than the series, a static column that varies — is a one-line error naming the file, line and column.
/// </summary>
public static class SequenceReader
{
    /// <summary>Reads <paramref name="table"/> (from <see cref="TableReader"/>) with <paramref name="options"/>.</summary>
    public static SequenceTable Read(RawTable table, SequenceOptions options)
    {
        string source = table.Source;
        foreach (var name in new[] { options.Time }.Concat(options.Entity).Concat(options.Static ?? []).Concat(options.Discrete).Concat(options.Ignore))
            if (name is not null && table.IndexOf(name) < 0)
                throw new TabularDataException(source, $"there is no column '{name}' (columns: {string.Join(", ", table.Columns)}).");
        if (options.Time is not null && options.Entity.Contains(options.Time))
            throw new TabularDataException(source, $"'{options.Time}' cannot be both the time and an entity column.");
        if (options.Static is not null && options.Entity.Count == 0)
            throw new TabularDataException(source, "--static needs --entity: a single series has no entity to be constant in.");

        var time = options.Time is null ? null : TimeColumn(table, options.Time);
        var times = time is null ? Enumerable.Range(0, table.RowCount).Select(i => (double)i).ToArray() : ParseTimes(table, time);
        var sequences = options.Entity.Count == 0 ? [new Sequence("", SortedRows(table, Enumerable.Range(0, table.RowCount).ToArray(), times, "", time))]
            : Group(table, options.Entity, times, time);

        // Every other column is typed as the tabular reader types it.
        var rest = table.Columns.Where(c => c != options.Time && !options.Entity.Contains(c)).ToList();
        if (rest.Count == 0) throw new TabularDataException(source, "there is no column left to model besides the time and entity columns.");
        var restTable = new RawTable(source, rest, rest.Select(table.Column).ToList(), table.Lines);
        var kinds = options.Like is { } like ? LikeSchema(table, like, rest) : SchemaInference.Infer(restTable, new SchemaOptions
        {
            Discrete = options.Discrete, Ignore = options.Ignore, CategoryLimit = options.CategoryLimit,
        });

        var statics = options.Entity.Count == 0 ? new HashSet<string>()
            : options.Like is { } model ? model.Static.Select(c => c.Name).Where(rest.Contains).ToHashSet()
            : options.Static is { } given ? CheckStatic(table, given, sequences)
            : rest.Where(c => kinds.Find(c)!.Kind is not (ColumnKind.Ignored or ColumnKind.Identifier) && ConstantWithin(table.Column(c), sequences) is null).ToHashSet();

        var columns = table.Columns.Select(name =>
        {
            if (name == options.Time) return new SequenceColumn(time!, ColumnRole.Time);
            if (options.Entity.Contains(name)) return new SequenceColumn(new ColumnSchema(name, ColumnKind.Identifier), ColumnRole.Entity);
            var kind = kinds.Find(name)!;
            return new SequenceColumn(kind, kind.Kind == ColumnKind.Ignored ? ColumnRole.Ignored : statics.Contains(name) ? ColumnRole.Static : ColumnRole.Feature);
        }).ToList();
        if (columns.All(c => c.Role != ColumnRole.Feature || c.Schema.Kind == ColumnKind.Identifier))
            throw new TabularDataException(source, "no column changes over time: every column is the time, an entity key, static or ignored.");

        int? window = null;
        if (options.Entity.Count == 0)
        {
            if (options.Window < 2) throw new ArgumentException($"--window must be at least 2, got {options.Window}.");
            if (options.Window > table.RowCount)
                throw new TabularDataException(source, $"the window of {options.Window} rows is longer than the series ({table.RowCount} rows); use a shorter --window.");
            window = options.Window;
        }
        return new SequenceTable(table, new SequenceSchema(columns, window), sequences, times);
    }

    /// <summary>The columns typed as <paramref name="like"/> types them (a synthetic table read as its real one was).</summary>
    private static TableSchema LikeSchema(RawTable table, SequenceSchema like, IReadOnlyList<string> rest)
    {
        var columns = rest.Select(name => like.Find(name)?.Schema
            ?? throw new TabularDataException(table.Source, $"the column '{name}' is not in the real table (its columns: {string.Join(", ", like.Columns.Select(c => c.Name))}).")).ToList();
        foreach (var c in like.Columns)
            if (c.Role is not (ColumnRole.Ignored or ColumnRole.Time or ColumnRole.Entity) && !rest.Contains(c.Name))
                throw new TabularDataException(table.Source, $"there is no column '{c.Name}', which the real table has.");
        return new TableSchema(columns);
    }

    private static ColumnSchema TimeColumn(RawTable table, string name)
    {
        var cells = table.Column(name);
        int missing = Array.FindIndex(cells, c => c is null);
        if (missing >= 0) throw new TabularDataException(table.Source, "a row has no time; every row needs one.", table.Lines[missing], name);
        var schema = SchemaInference.InferColumn(name, cells, table.RowCount);
        if (schema.Kind is ColumnKind.Identifier or ColumnKind.Categorical or ColumnKind.Boolean)
        {
            // Unique numbers named like an id are still times; anything else that is not a date or a number is not.
            if (cells.All(c => SchemaInference.IsNumber(c!))) return new ColumnSchema(name, cells.All(c => SchemaInference.IsInteger(c!)) ? ColumnKind.Integer : ColumnKind.Continuous);
            // The format most cells are written in names the cell that breaks it (a typo among dates, not the first date).
            var format = SchemaInference.DateTimeFormats.MaxBy(f => cells.Count(c => DateTime.TryParseExact(c, f, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)))!;
            int dates = cells.Count(c => DateTime.TryParseExact(c, format, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _));
            int numbers = cells.Count(c => SchemaInference.IsNumber(c!));
            var bad = dates >= numbers
                ? Array.FindIndex(cells, c => !DateTime.TryParseExact(c, format, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
                : Array.FindIndex(cells, c => !SchemaInference.IsNumber(c!));
            if (dates > 0 && dates >= numbers)
                throw new TabularDataException(table.Source, $"'{cells[bad]}' is not a time in the column's format ({format}), so '{name}' cannot be the time column.", table.Lines[bad], name);
            throw new TabularDataException(table.Source, $"'{cells[bad]}' is neither a date (in one format for the whole column) nor a number, so '{name}' cannot be the time column.", table.Lines[bad], name);
        }
        return schema;
    }

    private static double[] ParseTimes(RawTable table, ColumnSchema time)
    {
        var cells = table.Column(time.Name);
        var times = new double[cells.Length];
        for (int r = 0; r < cells.Length; r++) times[r] = ContinuousEncoder.Parse(table, time, cells[r]!, r);
        return times;
    }

    private static List<Sequence> Group(RawTable table, IReadOnlyList<string> entity, double[] times, ColumnSchema? time)
    {
        var keys = entity.Select(table.Column).ToArray();
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int r = 0; r < table.RowCount; r++)
        {
            for (int k = 0; k < keys.Length; k++)
                if (keys[k][r] is null) throw new TabularDataException(table.Source, "the entity key is missing; every row needs one.", table.Lines[r], entity[k]);
            string key = keys.Length == 1 ? keys[0][r]! : string.Join(",", keys.Select(k => k[r]));
            if (!groups.TryGetValue(key, out var rows)) { groups[key] = rows = []; order.Add(key); }
            rows.Add(r);
        }
        var sequences = order.Select(k => new Sequence(k, SortedRows(table, groups[k].ToArray(), times, k, time))).ToList();
        var single = sequences.FirstOrDefault(s => s.Length < 2);
        if (single is not null)
            throw new TabularDataException(table.Source, $"entity '{single.Key}' has a single row; a sequence needs at least two (leave such entities out of the file).", table.Lines[single.Rows[0]]);
        return sequences;
    }

    private static int[] SortedRows(RawTable table, int[] rows, double[] times, string key, ColumnSchema? time)
    {
        var sorted = rows.OrderBy(r => times[r]).ThenBy(r => r).ToArray();
        if (time is not null)
            for (int i = 1; i < sorted.Length; i++)
                if (times[sorted[i]] == times[sorted[i - 1]])
                    throw new TabularDataException(table.Source,
                        $"{(key.Length == 0 ? "the series" : $"entity '{key}'")} has two rows at {time.Name} = {table.Column(time.Name)[sorted[i]]} (lines {table.Lines[sorted[i - 1]]} and {table.Lines[sorted[i]]}).",
                        table.Lines[sorted[i]], time.Name);
        return sorted;
    }

    /// <summary>The first row (index into the table) where <paramref name="cells"/> differs within a sequence, or null.</summary>
    private static int? ConstantWithin(string?[] cells, IReadOnlyList<Sequence> sequences)
    {
        foreach (var s in sequences)
        {
            var first = cells[s.Rows[0]];
            foreach (var r in s.Rows)
                if (!string.Equals(cells[r], first, StringComparison.Ordinal)) return r;
        }
        return null;
    }

    private static HashSet<string> CheckStatic(RawTable table, IReadOnlyList<string> given, IReadOnlyList<Sequence> sequences)
    {
        foreach (var name in given)
            if (ConstantWithin(table.Column(name), sequences) is int r)
            {
                var entity = sequences.First(s => s.Rows.Contains(r));
                throw new TabularDataException(table.Source,
                    $"--static {name}: the column changes within entity '{entity.Key}' ('{table.Column(name)[entity.Rows[0]]}' then '{table.Column(name)[r]}'), so it is not an attribute of the entity.",
                    table.Lines[r], name);
            }
        return given.ToHashSet();
    }
}
