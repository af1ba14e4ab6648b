using System.Globalization;
using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Transform;

namespace BeyondGan.Tabular.Rules;

/// <summary>
/// Keeps a table's rules by construction, as a reversible rewrite around the model: <see cref="ToModelled"/> turns a
/// table into the one the GAN learns — a column another determines is left out, a total is replaced by which offset
/// it took, an upper column by its gap above its lower one, a column that goes missing with another is filled — and
/// <see cref="ToOriginal"/> turns generated rows back: dependents looked up, totals summed in the input's rounding,
/// uppers rebuilt from their gap (never below any of their lower bounds, within their range), cells blanked where a
/// missingness rule says. Every enforced rule then holds in every generated row. Saved in the model file.
/// </summary>
public sealed class RuleEnforcement
{
    /// <summary>Every rule of the training table, enforced or not (for reports).</summary>
    [JsonPropertyName("rules")] public required RuleSet Rules { get; init; }
    /// <summary>The columns computed from others, in the order they are computed.</summary>
    [JsonPropertyName("derived")] public required IReadOnlyList<DerivedColumn> Derived { get; init; }
    /// <summary>The output columns, in the input's order.</summary>
    [JsonPropertyName("columns")] public required IReadOnlyList<string> Columns { get; init; }
    /// <summary>The input's schema of the output columns.</summary>
    [JsonPropertyName("schema")] public required TableSchema Schema { get; init; }

    /// <summary>No rules: the modelled table is the table.</summary>
    public static RuleEnforcement None(TableSchema schema) => new()
    {
        Rules = RuleSet.None, Derived = [], Schema = schema,
        Columns = schema.Columns.Where(c => c.Kind != ColumnKind.Ignored).Select(c => c.Name).ToList(),
    };

    /// <summary>True when some rule is kept by construction.</summary>
    [JsonIgnore] public bool Enforces => Derived.Count > 0;

    /// <summary>
    /// Decides how each rule of <paramref name="rules"/> is kept on <paramref name="table"/> (bound to it first: mappings
    /// and offsets are learnt again from the table). Rules that cannot be kept by construction stay in <see cref="Rules"/>
    /// for the evaluation to check.
    /// </summary>
    public static RuleEnforcement Plan(RuleSet rules, RawTable table, TableSchema schema)
    {
        var columns = schema.Columns.Where(c => c.Kind != ColumnKind.Ignored).ToList();
        var bound = rules.Rules.Select(r => Bind(r, table, columns)).ToList();
        var derived = new Dictionary<string, DerivedColumn>(StringComparer.Ordinal);
        var inputs = new Dictionary<string, string[]>(StringComparer.Ordinal);
        bool Acyclic(string column, string[] from)
        {
            // column may be computed from `from` only if none of them is (transitively) computed from column.
            var stack = new Stack<string>(from);
            var seen = new HashSet<string>();
            while (stack.Count > 0)
            {
                var c = stack.Pop();
                if (c == column) return false;
                if (!seen.Add(c) || !inputs.TryGetValue(c, out var more)) continue;
                foreach (var m in more) stack.Push(m);
            }
            return true;
        }
        void Add(DerivedColumn d, string[] from) { derived[d.Column] = d; inputs[d.Column] = from; }

        // Dependents from their determinant: categorical determinants first, so a recoding keeps its categorical side.
        foreach (var fd in bound.OfType<FunctionalDependency>()
                     .OrderBy(f => schema.Find(f.Determinant)!.Kind == ColumnKind.Integer ? 1 : 0)
                     .ThenBy(f => columns.FindIndex(c => c.Name == f.Determinant)))
            if (!derived.ContainsKey(fd.Dependent) && Acyclic(fd.Dependent, [fd.Determinant]))
                Add(new LookupColumn { Column = fd.Dependent, Rule = fd }, [fd.Determinant]);

        // Totals from their parts (and the offset the model chooses).
        foreach (var sum in bound.OfType<LinearIdentity>())
        {
            var parts = sum.Terms.Select(t => t.Column).ToArray();
            if (derived.ContainsKey(sum.Total) || !Acyclic(sum.Total, parts)) continue;
            Add(new SumColumn
            {
                Column = sum.Total, Rule = sum, Decimals = ColumnValues.Decimals(table, schema.Find(sum.Total)!),
                OffsetColumn = sum.Offsets.Count > 1 ? FreshName(columns, $"{sum.Total} offset") : null,
            }, parts);
        }

        // Uppers from their gap above the tightest lower bound whose presence covers theirs; the others bound them below.
        foreach (var upper in bound.OfType<OrderRelation>().Select(o => o.Upper).Distinct())
        {
            if (derived.ContainsKey(upper)) continue;
            var lowers = bound.OfType<OrderRelation>().Where(o => o.Upper == upper).Select(o => o.Lower).Where(l => Acyclic(upper, [l])).ToList();
            if (lowers.Count == 0) continue;
            var u = ColumnValues.Numbers(table, schema.Find(upper)!);
            string? anchor = lowers
                .Select(l => (Lower: l, Values: ColumnValues.Numbers(table, schema.Find(l)!)))
                .Where(l => Enumerable.Range(0, u.Length).All(r => double.IsNaN(u[r]) || !double.IsNaN(l.Values[r])))
                .OrderBy(l => Median(Enumerable.Range(0, u.Length).Where(r => !double.IsNaN(u[r])).Select(r => u[r] - l.Values[r])))
                .Select(l => l.Lower).FirstOrDefault();
            var range = bound.OfType<ValueRange>().FirstOrDefault(v => v.Column == upper);
            var upperSchema = schema.Find(upper)!;
            (double Min, double Max)? bounds = range?.Bounds(upperSchema);
            // The gap above the anchor (a trip's duration) or its share of the room left above it (how far towards the
            // end of the observed period a customer stayed active): whichever depends less on the anchor, so the model has
            // the least to learn (rank correlation with the anchor).
            bool share = false;
            if (anchor is not null && bounds is { } b)
            {
                var l = ColumnValues.Numbers(table, schema.Find(anchor)!);
                var rows = Enumerable.Range(0, u.Length).Where(r => !double.IsNaN(u[r]) && !double.IsNaN(l[r])).ToArray();
                var lower = rows.Select(r => l[r]).ToArray();
                double gapCorrelation = Math.Abs(ColumnValues.RankCorrelation(lower, rows.Select(r => u[r] - l[r]).ToArray()));
                double shareCorrelation = Math.Abs(ColumnValues.RankCorrelation(lower, rows.Select(r => GapColumn.ShareOf(u[r], l[r], b.Max)).ToArray()));
                share = shareCorrelation < gapCorrelation;
            }
            Add(new GapColumn
            {
                Column = upper, Anchor = anchor, Lowers = lowers.Where(l => l != anchor).ToList(), Share = share,
                GapName = anchor is null ? null : FreshName(columns, share ? $"{upper} share above {anchor}" : $"{upper} − {anchor}"),
                Decimals = Math.Max(ColumnValues.Decimals(table, upperSchema), anchor is null ? 0 : ColumnValues.Decimals(table, schema.Find(anchor)!)),
                Min = bounds?.Min, Max = bounds?.Max,
            }, [.. lowers]);
        }

        // Cells blanked where a missingness rule says (after every value is computed); looked-up and summed columns
        // already follow their inputs.
        foreach (var rule in bound.OfType<MissingTogether>())
        {
            if (derived.TryGetValue(rule.Column, out var d) && d is not GapColumn) continue;
            if (derived.Values.OfType<BlankColumn>().Any(b => b.Column == rule.Column) || !Acyclic(rule.Column, [rule.When])) continue;
            var blank = new BlankColumn { Column = rule.Column, Rule = rule };
            derived[$"\u0001blank {rule.Column}"] = blank;
            inputs[$"\u0001blank {rule.Column}"] = [rule.When, rule.Column];
        }

        return new RuleEnforcement
        {
            Rules = new RuleSet(bound), Schema = schema, Columns = columns.Select(c => c.Name).ToList(),
            Derived = TopologicalOrder(derived, inputs),
        };
    }

    private static IReadOnlyList<DerivedColumn> TopologicalOrder(Dictionary<string, DerivedColumn> derived, Dictionary<string, string[]> inputs)
    {
        var order = new List<DerivedColumn>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string key)
        {
            if (!done.Add(key)) return;
            foreach (var i in inputs[key]) if (derived.ContainsKey(i)) Visit(i);
            order.Add(derived[key]);
        }
        // Values first, then blanks (a blank must see its column's computed value and its condition's).
        foreach (var key in derived.Keys.Where(k => derived[k] is not BlankColumn)) Visit(key);
        foreach (var key in derived.Keys.Where(k => derived[k] is BlankColumn)) Visit(key);
        return order;
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.PositiveInfinity : v[v.Length / 2];
    }

    private static string FreshName(IReadOnlyList<ColumnSchema> columns, string name)
    {
        string fresh = name;
        for (int i = 2; columns.Any(c => c.Name == fresh); i++) fresh = $"{name} {i}";
        return fresh;
    }

    /// <summary>The rule with the details learnt from <paramref name="table"/> (mappings, which levels go with a missing cell, offsets).</summary>
    private static TableRule Bind(TableRule rule, RawTable table, IReadOnlyList<ColumnSchema> columns) => rule switch
    {
        FunctionalDependency fd => fd with { Mapping = RuleDiscovery.MappingOf(table, fd.Determinant, fd.Dependent) },
        LinearIdentity s => RuleDiscovery.WithOffsets(table, columns.First(c => c.Name == s.Total), s.Terms, columns, requireFew: false)!,
        MissingTogether { Levels: not null } m => m with
        {
            Levels = table.Column(m.When).Zip(table.Column(m.Column)).Where(p => p.First is not null && p.Second is null)
                .Select(p => p.First!).Distinct().Order(StringComparer.Ordinal).ToList(),
        },
        _ => rule,
    };

    /// <summary>The table the model learns, and its schema (columns in the input's order; derived columns left out or replaced).</summary>
    public (RawTable Table, TableSchema Schema) ToModelled(RawTable table, int seed = 0)
    {
        var names = new List<string>();
        var cells = new List<string?[]>();
        var schemas = new List<ColumnSchema>();
        var rng = new Random(seed);
        foreach (var column in Schema.Columns)
        {
            if (column.Kind == ColumnKind.Ignored) continue;
            var d = Derived.FirstOrDefault(x => x.Column == column.Name && x is not BlankColumn);
            switch (d)
            {
                case LookupColumn:
                    continue;
                case SumColumn sum:
                    if (sum.OffsetColumn is null) continue;
                    var residuals = sum.Rule.Residuals(table, Schema);
                    names.Add(sum.OffsetColumn);
                    cells.Add(residuals.Select(r => double.IsNaN(r) ? null : Number(sum.Rule.Decimals < 0 ? r : Math.Round(r, sum.Rule.Decimals))).ToArray());
                    schemas.Add(new ColumnSchema(sum.OffsetColumn, ColumnKind.Categorical));
                    continue;
                case GapColumn { Anchor: not null } gap:
                    var upper = ColumnValues.Numbers(table, column);
                    var lower = ColumnValues.Numbers(table, Schema.Find(gap.Anchor)!);
                    names.Add(gap.GapName!);
                    cells.Add(upper.Select((u, r) => double.IsNaN(u) || double.IsNaN(lower[r]) ? null
                        : gap.Share ? Math.Round(GapColumn.ShareOf(u, lower[r], gap.Max!.Value), 6).ToString("0.######", CultureInfo.InvariantCulture)
                        : Number(gap.Decimals < 0 ? u - lower[r] : Math.Round(u - lower[r], gap.Decimals))).ToArray());
                    schemas.Add(new ColumnSchema(gap.GapName!, gap.Share || column.Kind == ColumnKind.Continuous ? ColumnKind.Continuous : ColumnKind.Integer));
                    break;
                default:
                    names.Add(column.Name);
                    cells.Add(table.Column(column.Name));
                    schemas.Add(column);
                    break;
            }
        }
        // A column blanked by a missingness rule is modelled without gaps: its missing cells take present values drawn at random.
        foreach (var blank in Derived.OfType<BlankColumn>())
        {
            var gap = Derived.OfType<GapColumn>().FirstOrDefault(g => g.Column == blank.Column && g.Anchor is not null);
            int i = names.IndexOf(gap?.GapName ?? blank.Column);
            if (i < 0) continue;
            var filled = (string?[])cells[i].Clone();
            var present = filled.Where(c => c is not null).ToArray();
            if (present.Length == 0) continue;
            for (int r = 0; r < filled.Length; r++) filled[r] ??= present[rng.Next(present.Length)];
            cells[i] = filled;
        }
        return (new RawTable(table.Source, names, cells, table.Lines, table.Format), new TableSchema(schemas));
    }

    /// <summary>Generated rows of the modelled table turned back into the input's columns, every enforced rule holding.</summary>
    public RawTable ToOriginal(RawTable modelled)
    {
        if (!Enforces) return modelled;
        var output = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var name in Columns)
            if (modelled.IndexOf(name) >= 0) output[name] = (string?[])modelled.Column(name).Clone();
        int rows = modelled.RowCount;
        foreach (var d in Derived) d.Apply(output, modelled, Schema, rows);
        return new RawTable(modelled.Source, Columns, Columns.Select(c => output[c]).ToList(), format: modelled.Format);
    }

    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>How <paramref name="rule"/> is kept in generated rows, in a few words (or "checked only" when it is not enforced).</summary>
    public string HowKept(TableRule rule)
    {
        const string checkedOnly = "checked only";
        switch (rule)
        {
            case FunctionalDependency fd:
                return Computed(fd.Dependent) is LookupColumn l && l.Rule.Determinant == fd.Determinant ? $"{fd.Dependent} looked up from {fd.Determinant}" : checkedOnly;
            case LinearIdentity sum:
                return Computed(sum.Total) is SumColumn ? $"{sum.Total} summed from its parts" + (sum.Offsets.Count > 1 ? " and a modelled offset" : "") : checkedOnly;
            case OrderRelation o when Computed(o.Upper) is GapColumn g:
                return g.Anchor == o.Lower ? (g.Share ? $"{o.Upper} modelled as a share of the room above {o.Lower}" : $"{o.Upper} modelled as a gap above {o.Lower}")
                    : g.Lowers.Contains(o.Lower) ? $"{o.Upper} raised to {o.Lower} where below" : checkedOnly;
            case MissingTogether m:
                return Derived.OfType<BlankColumn>().Any(b => b.Column == m.Column && b.Rule.When == m.When) ? $"{m.Column} blanked where {m.When} says" : checkedOnly;
            case ValueRange v:
                return Computed(v.Column) switch
                {
                    null or GapColumn => "clamped to the range",
                    LookupColumn => "values from the mapping",
                    _ => checkedOnly,
                };
            default:
                return checkedOnly;
        }
    }

    /// <summary>The derived column called <paramref name="name"/> that is computed (looked up, summed or rebuilt), or null.</summary>
    public DerivedColumn? Computed(string name) => Derived.FirstOrDefault(d => d.Column == name && d is not BlankColumn);

    /// <summary>
    /// The modelled column that a condition on <paramref name="name"/> fixes: the column itself, or for a looked-up column
    /// the determinant it is looked up from (through a chain of lookups); null for a column computed otherwise (a total,
    /// a gap's upper column).
    /// </summary>
    public string? ModelledColumn(string name)
    {
        for (int depth = 0; depth <= Derived.Count; depth++)
        {
            switch (Computed(name))
            {
                case null: return name;
                case LookupColumn lookup: name = lookup.Rule.Determinant; break;
                case GapColumn { Anchor: null }: return name;
                default: return null;
            }
        }
        return null;
    }

    /// <summary>
    /// The modelled column and its values that give <paramref name="name"/> = <paramref name="value"/>: the value itself,
    /// or the determinant values whose looked-up value is <paramref name="value"/>. Throws a one-line error naming
    /// <paramref name="argument"/> for a column computed by a sum or an order rule.
    /// </summary>
    public (string Column, IReadOnlyList<string?> Values) Preimage(string name, string? value, string argument)
    {
        IReadOnlyList<string?> values = [value];
        for (int depth = 0; depth <= Derived.Count; depth++)
        {
            switch (Computed(name))
            {
                case null:
                case GapColumn { Anchor: null }:
                    return (name, values);
                case LookupColumn lookup:
                    var dependent = Schema.Find(name);
                    values = lookup.Rule.Mapping.Where(p => values.Any(v => FunctionalDependency.SameValue(dependent, p.Then, v))).Select(p => p.When).ToList();
                    name = lookup.Rule.Determinant;
                    break;
                case var d:
                    var rule = d is SumColumn s ? s.Rule.Describe() : string.Join(", ", Rules.Rules.OfType<OrderRelation>().Where(o => o.Upper == name).Select(o => o.Describe()));
                    throw new ArgumentException($"--condition {argument}: '{name}' is computed from other columns by a rule ({rule}), so it cannot be fixed; fit with --no-rules to model it directly.");
            }
        }
        throw new InvalidOperationException($"The lookups of '{name}' form a cycle.");
    }

    /// <summary>The values <paramref name="name"/> can take, for error messages (<paramref name="modelledLevels"/> are its determinant's).</summary>
    public IEnumerable<string?> KnownValues(string name, IReadOnlyList<string?> modelledLevels)
    {
        var values = modelledLevels.AsEnumerable();
        var chain = new List<LookupColumn>();
        for (var d = Computed(name); d is LookupColumn l && chain.Count <= Derived.Count; d = Computed(l.Rule.Determinant)) chain.Add(l);
        for (int i = chain.Count - 1; i >= 0; i--)
        {
            var finder = new FunctionalDependency.Finder(chain[i].Rule, Schema.Find(chain[i].Rule.Determinant));
            values = values.Select(v => finder.TryFind(v, out var x) ? x : null).Distinct().ToList();
        }
        return values;
    }
}

/// <summary>A column computed from others when generated rows are turned back into the input's columns.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "how")]
[JsonDerivedType(typeof(LookupColumn), "lookup")]
[JsonDerivedType(typeof(SumColumn), "sum")]
[JsonDerivedType(typeof(GapColumn), "gap")]
[JsonDerivedType(typeof(BlankColumn), "blank")]
public abstract class DerivedColumn
{
    /// <summary>The output column.</summary>
    [JsonPropertyName("column")] public required string Column { get; init; }

    /// <summary>Computes the column into <paramref name="output"/> (output columns so far; <paramref name="modelled"/> has the model's own columns).</summary>
    public abstract void Apply(Dictionary<string, string?[]> output, RawTable modelled, TableSchema schema, int rows);

    /// <summary>A column's values as numbers (NaN where missing).</summary>
    protected static double[] Numbers(string?[] cells, ColumnSchema column) =>
        cells.Select(c => c is not null && ContinuousEncoder.TryParse(column, c, out var v) ? v : double.NaN).ToArray();
}

/// <summary>The dependent of a <see cref="FunctionalDependency"/>, looked up from its determinant.</summary>
public sealed class LookupColumn : DerivedColumn
{
    /// <summary>The dependency (with its mapping).</summary>
    [JsonPropertyName("rule")] public required FunctionalDependency Rule { get; init; }

    /// <inheritdoc />
    public override void Apply(Dictionary<string, string?[]> output, RawTable modelled, TableSchema schema, int rows)
    {
        var finder = new FunctionalDependency.Finder(Rule, schema.Find(Rule.Determinant));
        output[Column] = output[Rule.Determinant].Select(v => finder.TryFind(v, out var d) ? d : null).ToArray();
    }
}

/// <summary>The total of a <see cref="LinearIdentity"/>, summed from its parts and the offset the model chose, in the total's rounding.</summary>
public sealed class SumColumn : DerivedColumn
{
    /// <summary>The identity.</summary>
    [JsonPropertyName("rule")] public required LinearIdentity Rule { get; init; }
    /// <summary>The modelled column holding each row's offset (null when there is one offset).</summary>
    [JsonPropertyName("offset_column")] public string? OffsetColumn { get; init; }
    /// <summary>Decimals of the total as the input writes it.</summary>
    [JsonPropertyName("decimals")] public int Decimals { get; init; }

    /// <inheritdoc />
    public override void Apply(Dictionary<string, string?[]> output, RawTable modelled, TableSchema schema, int rows)
    {
        var total = new double[rows];
        if (OffsetColumn is null) Array.Fill(total, Rule.Offsets[0]);
        else
        {
            var offsets = modelled.Column(OffsetColumn);
            for (int r = 0; r < rows; r++)
                total[r] = offsets[r] is { } o ? double.Parse(o, CultureInfo.InvariantCulture) : double.NaN;
        }
        foreach (var term in Rule.Terms)
        {
            var x = Numbers(output[term.Column], schema.Find(term.Column)!);
            for (int r = 0; r < rows; r++) total[r] += term.Coefficient * x[r];
        }
        var column = schema.Find(Column)!;
        output[Column] = total.Select(t => double.IsNaN(t) ? null : ContinuousEncoder.Format(column, Decimals, t)).ToArray();
    }
}

/// <summary>
/// The upper column of one or more <see cref="OrderRelation"/>s: its anchor (the tightest lower bound) plus the modelled
/// gap — or plus the modelled share of the room between the anchor and the column's largest value — then raised to
/// every other lower bound (rounded up to the column's grid) and kept within its range.
/// </summary>
public sealed class GapColumn : DerivedColumn
{
    /// <summary>The lower column the gap is measured from (null: the column is modelled as it is and only bounded).</summary>
    [JsonPropertyName("anchor")] public string? Anchor { get; init; }
    /// <summary>The modelled column holding the gap.</summary>
    [JsonPropertyName("gap_column")] public string? GapName { get; init; }
    /// <summary>The other lower bounds.</summary>
    [JsonPropertyName("lowers")] public IReadOnlyList<string> Lowers { get; init; } = [];
    /// <summary>True when the modelled column is the share (0–1) of the room from the anchor up to <see cref="Max"/>, not the gap itself.</summary>
    [JsonPropertyName("share")] public bool Share { get; init; }

    /// <summary>(u − l) / (max − l), in [0, 1] (0 when there is no room).</summary>
    public static double ShareOf(double u, double l, double max) => max > l ? Math.Clamp((u - l) / (max - l), 0, 1) : 0;
    /// <summary>Decimals of the column as the input writes it.</summary>
    [JsonPropertyName("decimals")] public int Decimals { get; init; }
    /// <summary>Smallest training value (datetimes: seconds); null when not bounded.</summary>
    [JsonPropertyName("min")] public double? Min { get; init; }
    /// <summary>Largest training value; null when not bounded.</summary>
    [JsonPropertyName("max")] public double? Max { get; init; }

    /// <inheritdoc />
    public override void Apply(Dictionary<string, string?[]> output, RawTable modelled, TableSchema schema, int rows)
    {
        var column = schema.Find(Column)!;
        double[] value;
        if (Anchor is null) value = Numbers(output[Column], column);
        else
        {
            var anchor = Numbers(output[Anchor], schema.Find(Anchor)!);
            var gap = Numbers(modelled.Column(GapName!), new ColumnSchema(GapName!, ColumnKind.Continuous));
            value = new double[rows];
            for (int r = 0; r < rows; r++)
                value[r] = Share ? anchor[r] + Math.Clamp(gap[r], 0, 1) * Math.Max(0, Max!.Value - anchor[r]) : anchor[r] + Math.Max(0, gap[r]);
        }
        var bounds = (Anchor is null ? Lowers : Lowers.Prepend(Anchor)).Select(l => Numbers(output[l], schema.Find(l)!)).ToList();
        var cells = new string?[rows];
        for (int r = 0; r < rows; r++)
        {
            double v = value[r];
            if (double.IsNaN(v)) continue;
            double floor = double.NegativeInfinity;
            foreach (var b in bounds) if (!double.IsNaN(b[r])) floor = Math.Max(floor, b[r]);
            cells[r] = FormatAtLeast(column, Decimals, Math.Max(Math.Clamp(v, Min ?? double.NegativeInfinity, Max ?? double.PositiveInfinity), floor), floor);
        }
        output[Column] = cells;
    }

    /// <summary>
    /// <paramref name="value"/> written as the column writes it, and never below <paramref name="floor"/> once written:
    /// when rounding to the column's decimals (or a date format's precision) would take it under, it is raised by the
    /// smallest step that the written form shows.
    /// </summary>
    internal static string FormatAtLeast(ColumnSchema column, int decimals, double value, double floor)
    {
        string text = ContinuousEncoder.Format(column, decimals, value);
        bool Below(string t) => ContinuousEncoder.TryParse(column, t, out var written) && written < floor;
        if (double.IsNegativeInfinity(floor) || !Below(text)) return text;
        if (column.Kind == ColumnKind.DateTime)
        {
            // The format's precision is not known: take the finest grain (second, minute, hour, day) whose rounding up
            // the written form keeps at or above the floor.
            foreach (double grain in new[] { 1.0, 60, 3600, 86400 })
            {
                text = ContinuousEncoder.Format(column, decimals, Math.Ceiling(floor / grain - 1e-9) * grain);
                if (!Below(text)) return text;
            }
            for (double v = floor; Below(text); v += 86400) text = ContinuousEncoder.Format(column, decimals, v);
            return text;
        }
        double unit = column.Kind == ColumnKind.Integer || decimals == 0 ? 1 : decimals < 0 ? 0 : Math.Pow(10, -decimals);
        if (unit == 0) return ContinuousEncoder.Format(column, decimals, floor);
        text = ContinuousEncoder.Format(column, decimals, Math.Ceiling(floor / unit - 1e-9) * unit);
        return Below(text) ? ContinuousEncoder.Format(column, decimals, (Math.Ceiling(floor / unit - 1e-9) + 1) * unit) : text;
    }
}

/// <summary>Blanks <see cref="DerivedColumn.Column"/> in the rows where a <see cref="MissingTogether"/> rule says it is missing.</summary>
public sealed class BlankColumn : DerivedColumn
{
    /// <summary>The rule.</summary>
    [JsonPropertyName("rule")] public required MissingTogether Rule { get; init; }

    /// <inheritdoc />
    public override void Apply(Dictionary<string, string?[]> output, RawTable modelled, TableSchema schema, int rows)
    {
        var when = output[Rule.When];
        var cells = output[Column];
        for (int r = 0; r < rows; r++) if (Rule.SaysMissing(when[r])) cells[r] = null;
    }
}
