using System.Globalization;
using BeyondGan.Tabular.Data;
using MathNet.Numerics.LinearAlgebra;

namespace BeyondGan.Tabular.Rules;

/// <summary>
/// Finds the rules a table obeys: functional dependencies between discrete columns, columns missing together,
/// order relations between number or datetime columns, sums (to the data's rounding, with a few fixed offsets at
/// most) and ranges (of every number and datetime column but a sum's total, whose range is its parts'). Nothing is tolerated that the table does not contain: a dependency, a missingness rule or an order
/// must hold in every row. A dependency or missingness rule must also be very unlikely to hold by chance (below
/// <see cref="ChanceLimit"/> if the columns were independent), so a near-unique column does not "determine" everything.
/// The search runs on at most <see cref="SearchRows"/> rows (a seeded sample) and every candidate is then checked on
/// all rows: pairs of columns cost O(rows) each, so a table of c columns costs O(c² · rows), sums one pass for a Gram
/// matrix of at most <see cref="MaxSumColumns"/> number columns.
/// </summary>
public static class RuleDiscovery
{
    /// <summary>Rows the search looks at (candidates are verified on every row).</summary>
    public const int SearchRows = 50_000;
    /// <summary>A dependency is kept only if it would hold by chance with probability below this, were the columns independent.</summary>
    public const double ChanceLimit = 1e-6;
    /// <summary>Most distinct values total − Σ parts may take for a sum with offsets.</summary>
    public const int MaxOffsets = 20;
    /// <summary>Number columns searched for sums (those with the most distinct values, if there are more).</summary>
    public const int MaxSumColumns = 60;
    /// <summary>Fewest distinct values of a sum's total (a total of few values is better modelled as it is).</summary>
    public const int MinimumTotalValues = 20;
    /// <summary>Fewest rows with both values present for an order relation.</summary>
    public const int MinimumPairs = 20;

    /// <summary>The rules <paramref name="table"/> obeys, for the columns <paramref name="schema"/> models.</summary>
    public static RuleSet Find(RawTable table, TableSchema schema, int seed = 0)
    {
        var sample = table.RowCount > SearchRows ? table.SelectRows(SampleRows(table.RowCount, seed)) : table;
        var modelled = schema.Columns.Where(c => c.Kind is not (ColumnKind.Ignored or ColumnKind.Identifier) && table.IndexOf(c.Name) >= 0).ToList();
        var codes = modelled.ToDictionary(c => c.Name, c => Codes.Of(table.Column(c.Name)));
        var sampleCodes = ReferenceEquals(sample, table) ? codes : modelled.ToDictionary(c => c.Name, c => Codes.Of(sample.Column(c.Name)));
        var rules = new List<TableRule>();
        rules.AddRange(Dependencies(table, modelled, codes, sampleCodes));
        var dependencies = rules.OfType<FunctionalDependency>().ToList();
        // A missingness rule between two columns a dependency ties together says nothing more.
        rules.AddRange(MissingRules(table, modelled, codes).Where(m => !dependencies.Any(d =>
            (d.Determinant == m.When && d.Dependent == m.Column) || (d.Determinant == m.Column && d.Dependent == m.When))));
        rules.AddRange(Orders(table, sample, modelled));
        var sums = Sums(table, sample, modelled).ToList();
        rules.AddRange(sums);
        // A total's range is that of its parts' sum (its observed extremes are not a bound of their own).
        rules.AddRange(Ranges(table, modelled).Where(r => sums.All(s => s.Total != r.Column)));
        return new RuleSet(rules);
    }

    /// <summary>True for a column that may determine another: categorical, boolean or integer (its generated values are always training values when every integer of its range was seen).</summary>
    public static bool CanDetermine(ColumnSchema column) => column.Kind is ColumnKind.Categorical or ColumnKind.Boolean or ColumnKind.Integer;

    private static int[] SampleRows(int rows, int seed)
    {
        var rng = new Random(seed);
        var all = Enumerable.Range(0, rows).ToArray();
        rng.Shuffle(all);
        var chosen = all[..SearchRows];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>Each column's cells as integer codes, one per distinct text (missing has its own code).</summary>
    private sealed class Codes
    {
        public required int[] Values { get; init; }
        public required string?[] Levels { get; init; }
        public required int MissingCode { get; init; }   // −1 when the column has no missing cell
        public int Count => Levels.Length;

        public static Codes Of(string?[] cells)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var levels = new List<string?>();
            int missing = -1;
            var values = new int[cells.Length];
            for (int r = 0; r < cells.Length; r++)
            {
                var c = cells[r];
                if (c is null)
                {
                    if (missing < 0) { missing = levels.Count; levels.Add(null); }
                    values[r] = missing;
                    continue;
                }
                if (!index.TryGetValue(c, out int code)) { code = levels.Count; index[c] = code; levels.Add(c); }
                values[r] = code;
            }
            return new Codes { Values = values, Levels = levels.ToArray(), MissingCode = missing };
        }
    }

    private static bool EligibleDeterminant(ColumnSchema column, RawTable table)
    {
        if (column.Kind is ColumnKind.Categorical or ColumnKind.Boolean) return true;
        if (column.Kind != ColumnKind.Integer) return false;
        // An integer column determines only when every integer of its range occurs: its generated values (clamped and
        // rounded) are then always values the mapping knows.
        var seen = new HashSet<long>();
        foreach (var c in table.Column(column.Name))
            if (c is not null && long.TryParse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)) seen.Add(v);
            else if (c is not null) return false;
        return seen.Count is > 1 and <= 1_000 && seen.Max() - seen.Min() + 1 == seen.Count;
    }

    /// <summary>True when every group of <paramref name="by"/> holds one value of <paramref name="of"/>.</summary>
    private static bool Pure(Codes by, Codes of)
    {
        var first = new int[by.Count];
        Array.Fill(first, -1);
        for (int r = 0; r < by.Values.Length; r++)
        {
            int g = by.Values[r], v = of.Values[r];
            if (first[g] < 0) first[g] = v;
            else if (first[g] != v) return false;
        }
        return true;
    }

    /// <summary>log P(every group of <paramref name="by"/> is pure in <paramref name="of"/>) were the two independent: Σ_g log Σ_v p_v^{n_g}.</summary>
    private static double LogChance(Codes by, Codes of)
    {
        var groupSizes = new long[by.Count];
        var valueCounts = new long[of.Count];
        for (int r = 0; r < by.Values.Length; r++) { groupSizes[by.Values[r]]++; valueCounts[of.Values[r]]++; }
        var logP = valueCounts.Where(c => c > 0).Select(c => Math.Log((double)c / by.Values.Length)).ToArray();
        double total = 0;
        foreach (long n in groupSizes)
        {
            if (n == 0) continue;
            double max = logP.Max() * n, sum = 0;
            foreach (var lp in logP) sum += Math.Exp(lp * n - max);
            total += max + Math.Log(sum);
        }
        return total;
    }

    private static bool Supported(Codes by, Codes of) => of.Count >= 2 && LogChance(by, of) <= Math.Log(ChanceLimit);

    private static List<FunctionalDependency> Dependencies(RawTable table, List<ColumnSchema> columns,
        Dictionary<string, Codes> codes, Dictionary<string, Codes> sampleCodes)
    {
        var determinants = columns.Where(c => EligibleDeterminant(c, table)).ToList();
        var found = new List<FunctionalDependency>();
        foreach (var a in determinants)
            foreach (var b in columns)
            {
                if (a == b || codes[b.Name].Count < 2 || codes[b.Name].Count > codes[a.Name].Count) continue;
                if (!Pure(sampleCodes[a.Name], sampleCodes[b.Name]) || !Pure(codes[a.Name], codes[b.Name]) || !Supported(codes[a.Name], codes[b.Name])) continue;
                bool oneToOne = codes[a.Name].Count == codes[b.Name].Count && Pure(codes[b.Name], codes[a.Name]);
                found.Add(new FunctionalDependency(a.Name, b.Name) { OneToOne = oneToOne, Mapping = MappingOf(table, a.Name, b.Name) });
            }
        // A recoding is one rule, read from its categorical side (then from the earlier column); a dependency implied by
        // two others (a → b → c makes a → c) is left out.
        int Rank(string name) => columns.FindIndex(c => c.Name == name) + (columns.First(c => c.Name == name).Kind == ColumnKind.Integer ? columns.Count : 0);
        var kept = found.Where(f => !(f.OneToOne && Rank(f.Dependent) < Rank(f.Determinant))).ToList();
        bool Holds(string a, string b) => kept.Any(f => (f.Determinant == a && f.Dependent == b) || (f.OneToOne && f.Determinant == b && f.Dependent == a));
        return kept.Where(f => !columns.Any(m => m.Name != f.Determinant && m.Name != f.Dependent
            && Holds(f.Determinant, m.Name) && Holds(m.Name, f.Dependent) && !Holds(m.Name, f.Determinant))).ToList();
    }

    /// <summary>The dependent's commonest value for each determinant value (the only one when the dependency holds).</summary>
    internal static IReadOnlyList<ValuePair> MappingOf(RawTable table, string determinant, string dependent)
    {
        var a = table.Column(determinant);
        var b = table.Column(dependent);
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int r = 0; r < a.Length; r++)
        {
            string key = a[r] ?? FunctionalDependency.MissingKey;
            if (!counts.TryGetValue(key, out var values)) { counts[key] = values = new Dictionary<string, int>(StringComparer.Ordinal); order.Add(key); }
            string value = b[r] ?? FunctionalDependency.MissingKey;
            values[value] = values.GetValueOrDefault(value) + 1;
        }
        static string? Back(string key) => key == FunctionalDependency.MissingKey ? null : key;
        return order.Select(k => new ValuePair(Back(k), Back(counts[k].MaxBy(p => p.Value).Key))).ToList();
    }

    /// <summary>
    /// Columns whose missing cells follow another column: grouped by identical missingness, each group explained by a
    /// discrete column's values if one does (every member "missing exactly when W is x"), else by its first member.
    /// </summary>
    private static IEnumerable<MissingTogether> MissingRules(RawTable table, List<ColumnSchema> columns, Dictionary<string, Codes> codes)
    {
        var withMissing = columns.Where(c => codes[c.Name].MissingCode >= 0 && codes[c.Name].Count > 1).ToList();
        var masks = withMissing.ToDictionary(c => c.Name, c => MissingMask(codes[c.Name]));
        var groups = new List<List<ColumnSchema>>();
        foreach (var c in withMissing)
        {
            var group = groups.FirstOrDefault(g => masks[g[0].Name].Values.AsSpan().SequenceEqual(masks[c.Name].Values) && Supported(masks[g[0].Name], masks[c.Name]));
            if (group is null) groups.Add([c]); else group.Add(c);
        }
        foreach (var group in groups)
        {
            var mask = masks[group[0].Name];
            var explaining = columns.Where(w => !group.Contains(w) && EligibleDeterminant(w, table) && codes[w.Name].MissingCode < 0)
                .FirstOrDefault(w => Pure(codes[w.Name], mask) && Supported(codes[w.Name], mask));
            if (explaining is not null)
            {
                var w = codes[explaining.Name];
                var levels = Enumerable.Range(0, w.Count).Where(l => FirstMissing(w, l, mask)).Select(l => w.Levels[l]!).ToList();
                foreach (var c in group) yield return new MissingTogether(c.Name, explaining.Name) { Levels = levels };
            }
            else
                foreach (var c in group.Skip(1)) yield return new MissingTogether(c.Name, group[0].Name);
        }
    }

    private static Codes MissingMask(Codes c) => new()
    {
        Values = c.Values.Select(v => v == c.MissingCode ? 1 : 0).ToArray(), Levels = ["present", "missing"], MissingCode = -1,
    };

    private static bool FirstMissing(Codes by, int level, Codes mask)
    {
        for (int r = 0; r < by.Values.Length; r++) if (by.Values[r] == level) return mask.Values[r] == 1;
        return false;
    }

    private static IEnumerable<OrderRelation> Orders(RawTable table, RawTable sample, List<ColumnSchema> columns)
    {
        var numeric = columns.Where(c => c.IsNumeric).ToList();
        var values = numeric.ToDictionary(c => c.Name, c => ColumnValues.Numbers(sample, c));
        var found = new List<(ColumnSchema Lower, ColumnSchema Upper)>();
        foreach (var a in numeric)
            foreach (var b in numeric)
                if (a != b && RuleSet.SameFamily(a, b) && Holds(values[a.Name], values[b.Name])
                    && Holds(ColumnValues.Numbers(table, a), ColumnValues.Numbers(table, b)))
                    found.Add((a, b));
        // Keep the transitive reduction: a ≤ c is implied when a ≤ b ≤ c are both rules.
        foreach (var (a, c) in found)
            if (!found.Any(p => p.Lower == a && p.Upper != c && found.Contains((p.Upper, c))))
                yield return new OrderRelation(a.Name, c.Name);
    }

    /// <summary>
    /// x ≤ y wherever both are present (at least <see cref="MinimumPairs"/> rows), not equal everywhere, not implied by
    /// the columns' ranges, and unlikely by chance: were the columns independent, a row would break it with the
    /// probability q that a random x exceeds a random y, and all rows would hold with (1 − q)^rows ≤ <see cref="ChanceLimit"/>.
    /// </summary>
    private static bool Holds(double[] x, double[] y)
    {
        int pairs = 0;
        bool unequal = false;
        double maxX = double.NegativeInfinity, minY = double.PositiveInfinity;
        for (int r = 0; r < x.Length; r++)
        {
            if (!double.IsNaN(x[r])) maxX = Math.Max(maxX, x[r]);
            if (!double.IsNaN(y[r])) minY = Math.Min(minY, y[r]);
            if (double.IsNaN(x[r]) || double.IsNaN(y[r])) continue;
            if (x[r] > y[r]) return false;
            pairs++;
            unequal |= x[r] < y[r];
        }
        if (pairs < MinimumPairs || !unequal || maxX <= minY) return false;
        var xs = x.Where(v => !double.IsNaN(v)).ToArray();
        var ys = y.Where(v => !double.IsNaN(v)).Order().ToArray();
        double exceed = 0;
        foreach (var v in xs)
        {
            int i = Array.BinarySearch(ys, v);
            if (i < 0) i = ~i;
            else while (i > 0 && ys[i - 1] == v) i--;
            exceed += i;   // ys below v
        }
        double q = exceed / ((double)xs.Length * ys.Length);
        return q > 0 && pairs * Math.Log(1 - q) <= Math.Log(ChanceLimit);
    }

    private static IEnumerable<LinearIdentity> Sums(RawTable table, RawTable sample, List<ColumnSchema> columns)
    {
        var candidates = columns.Where(c => c.Kind is ColumnKind.Integer or ColumnKind.Continuous && !table.Column(c.Name).Contains(null))
            .Select(c => (Column: c, Distinct: table.Column(c.Name).Distinct().Count()))
            .Where(c => c.Distinct >= 2).OrderByDescending(c => c.Distinct).Take(MaxSumColumns).Select(c => c.Column).ToList();
        int m = candidates.Count;
        if (m < 2) yield break;
        int n = sample.RowCount;
        var x = candidates.Select(c => ColumnValues.Numbers(sample, c)).ToArray();
        var mean = x.Select(v => v.Average()).ToArray();
        var sd = x.Select((v, i) => Math.Sqrt(v.Sum(e => (e - mean[i]) * (e - mean[i])) / n)).ToArray();
        var gram = Matrix<double>.Build.Dense(m, m);
        for (int i = 0; i < m; i++)
            for (int j = i; j < m; j++)
            {
                double s = 0;
                for (int r = 0; r < n; r++) s += (x[i][r] - mean[i]) * (x[j][r] - mean[j]);
                gram[i, j] = gram[j, i] = s / n / (sd[i] * sd[j]);
            }
        var found = new Dictionary<string, LinearIdentity>(StringComparer.Ordinal);
        for (int t = 0; t < m; t++)
        {
            if (table.Column(candidates[t].Name).Distinct().Count() < MinimumTotalValues) continue;
            var others = Enumerable.Range(0, m).Where(i => i != t).ToArray();
            var a = Matrix<double>.Build.Dense(others.Length, others.Length, (i, j) => gram[others[i], others[j]] + (i == j ? 1e-9 : 0));
            var b = Vector<double>.Build.Dense(others.Length, i => gram[others[i], t]);
            Vector<double> beta;
            try { beta = a.Cholesky().Solve(b); } catch (ArgumentException) { continue; }
            if (beta.DotProduct(b) < 0.9) continue;   // R² of the standardised regression
            // The least-squares coefficients are near the identity's small integers, but an offset that varies with a
            // part pulls that part's coefficient away (a surcharge paid with tips: 1.17 for tip): try the integers on
            // both sides of an unclear coefficient and keep the choice whose residual takes the fewest values.
            var choices = new List<(int Column, int[] Values)>();
            for (int i = 0; i < others.Length; i++)
            {
                double c = beta[i] * sd[t] / sd[others[i]];
                if (Math.Abs(c) < 0.2) continue;
                int k = (int)Math.Round(c);
                var values = Math.Abs(c - k) <= 0.15 ? [k] : new[] { (int)Math.Floor(c), (int)Math.Ceiling(c) };
                values = values.Where(v => v != 0 && Math.Abs(v) <= 3).ToArray();
                if (Math.Abs(c) < 0.5) values = [.. values, 0];
                if (values.Length == 0) { choices.Clear(); break; }
                choices.Add((others[i], values));
            }
            if (choices.Count == 0 || choices.Aggregate(1L, (n, c) => n * c.Values.Length) > 64) continue;
            LinearIdentity? identity = null;
            foreach (var combination in Combinations(choices))
            {
                var terms = combination.Where(c => c.Coefficient != 0).OrderBy(c => columns.IndexOf(candidates[c.Column]))
                    .Select(c => new IdentityTerm(candidates[c.Column].Name, c.Coefficient)).ToList();
                if (terms.Count == 0) continue;
                var candidate = WithOffsets(sample, candidates[t], terms, columns);
                if (candidate is not null && (identity is null || candidate.Offsets.Count < identity.Offsets.Count)) identity = candidate;
            }
            if (identity is null) continue;
            if (!ReferenceEquals(sample, table)) identity = WithOffsets(table, candidates[t], identity.Terms, columns);
            if (identity is null) continue;
            var key = string.Join("\u0001", identity.Columns.Order(StringComparer.Ordinal));
            if (!found.TryGetValue(key, out var other) || Preferred(identity, other, table)) found[key] = identity;
        }
        // A total that is a part of another sum would need that sum computed first: keep the first of such a pair.
        var kept = new List<LinearIdentity>();
        foreach (var s in found.Values)
            if (!kept.Any(k => k.Terms.Any(t => t.Column == s.Total) || s.Terms.Any(t => t.Column == k.Total) || k.Total == s.Total))
                kept.Add(s);
        foreach (var s in kept) yield return s;
    }

    private static IEnumerable<List<(int Column, int Coefficient)>> Combinations(List<(int Column, int[] Values)> choices)
    {
        IEnumerable<List<(int, int)>> all = [[]];
        foreach (var (column, values) in choices)
            all = all.SelectMany(prefix => values.Select(v => new List<(int, int)>(prefix) { (column, v) }));
        return all;
    }

    /// <summary>The identity with the offsets that total − Σ terms takes, if they are few (and far fewer than the total's values).</summary>
    internal static LinearIdentity? WithOffsets(RawTable table, ColumnSchema total, IReadOnlyList<IdentityTerm> terms, IReadOnlyList<ColumnSchema> columns,
        bool requireFew = true)
    {
        var schema = new TableSchema(columns);
        int decimals = new[] { total }.Concat(terms.Select(t => columns.First(c => c.Name == t.Column)))
            .Select(c => ColumnValues.Decimals(table, c)).Aggregate(0, (d, x) => d < 0 || x < 0 ? -1 : Math.Max(d, x));
        var probe = new LinearIdentity(total.Name, terms) { Decimals = decimals };
        var residuals = probe.Residuals(table, schema).Where(r => !double.IsNaN(r)).Select(r => decimals < 0 ? r : Math.Round(r, decimals)).ToList();
        var offsets = residuals.GroupBy(r => r).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key + 0.0).ToList();
        if (requireFew && (offsets.Count > MaxOffsets || table.Column(total.Name).Distinct().Count() < 10 * offsets.Count)) return null;
        return probe with { Offsets = offsets };
    }

    /// <summary>Of two forms of one identity, the one that reads as a sum: more positive terms, then the larger total.</summary>
    private static bool Preferred(LinearIdentity a, LinearIdentity b, RawTable table)
    {
        int pa = a.Terms.Count(t => t.Coefficient > 0), pb = b.Terms.Count(t => t.Coefficient > 0);
        if (pa != pb) return pa > pb;
        double MeanAbs(string c) => table.Column(c).Average(v => Math.Abs(double.Parse(v!, CultureInfo.InvariantCulture)));
        return MeanAbs(a.Total) > MeanAbs(b.Total);
    }

    private static IEnumerable<ValueRange> Ranges(RawTable table, List<ColumnSchema> columns)
    {
        foreach (var c in columns.Where(c => c.IsNumeric))
        {
            var cells = table.Column(c.Name);
            var values = ColumnValues.Numbers(table, c);
            int min = -1, max = -1;
            for (int r = 0; r < values.Length; r++)
            {
                if (double.IsNaN(values[r])) continue;
                if (min < 0 || values[r] < values[min]) min = r;
                if (max < 0 || values[r] > values[max]) max = r;
            }
            if (min >= 0) yield return new ValueRange(c.Name, cells[min]!, cells[max]!);
        }
    }
}
