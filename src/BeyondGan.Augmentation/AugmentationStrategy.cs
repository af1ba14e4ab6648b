using System.Globalization;

namespace BeyondGan.Augmentation;

/// <summary>
/// How many rows each class should have after augmentation. Augmentation only adds rows: a strategy that would
/// shrink a class is an error.
/// </summary>
public abstract record AugmentationStrategy
{
    /// <summary>Every class up to the size of the largest.</summary>
    public sealed record Balance : AugmentationStrategy;

    /// <summary>Every class up to <see cref="Value"/> × the size of the largest class (0 &lt; R ≤ 1).</summary>
    public sealed record Ratio(double Value) : AugmentationStrategy;

    /// <summary>The named classes up to the given totals; other classes unchanged.</summary>
    public sealed record Counts(IReadOnlyDictionary<string, int> Targets) : AugmentationStrategy;

    /// <summary>Parses <c>balance</c>, <c>ratio:R</c> or <c>count:CLASS=N[,CLASS=N…]</c>.</summary>
    public static AugmentationStrategy Parse(string text)
    {
        if (text == "balance") return new Balance();
        if (text.StartsWith("ratio:", StringComparison.Ordinal))
        {
            if (!double.TryParse(text[6..], NumberStyles.Float, CultureInfo.InvariantCulture, out double r) || !(r > 0 && r <= 1))
                throw new ArgumentException($"--strategy {text}: the ratio must be a number in (0, 1], e.g. ratio:0.5.");
            return new Ratio(r);
        }
        if (text.StartsWith("count:", StringComparison.Ordinal))
        {
            var targets = new Dictionary<string, int>();
            foreach (var part in text[6..].Split(','))
            {
                int eq = part.LastIndexOf('=');
                if (eq <= 0 || !int.TryParse(part[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                    throw new ArgumentException($"--strategy {text}: expected count:CLASS=N with N a whole number, e.g. count:>50K=5000.");
                targets[part[..eq]] = n;
            }
            return new Counts(targets);
        }
        throw new ArgumentException($"--strategy {text}: expected balance, ratio:R or count:CLASS=N.");
    }

    /// <summary>Rows to add per class, given the current class sizes. Throws for a class that is not in the data or would shrink.</summary>
    public IReadOnlyDictionary<string, int> RowsToAdd(IReadOnlyDictionary<string, int> counts, string target)
    {
        int largest = counts.Values.Max();
        var add = new Dictionary<string, int>();
        switch (this)
        {
            case Balance:
                foreach (var (c, n) in counts) if (largest > n) add[c] = largest - n;
                break;
            case Ratio r:
                foreach (var (c, n) in counts)
                {
                    if (n == largest) continue;
                    int goal = (int)Math.Round(r.Value * largest);
                    if (goal < n)
                        throw new ArgumentException($"--strategy ratio:{r.Value.ToString(CultureInfo.InvariantCulture)} would reduce class '{c}' of '{target}' from {n} to {goal} rows; augmentation only adds rows (use a larger ratio).");
                    if (goal > n) add[c] = goal - n;
                }
                break;
            case Counts k:
                foreach (var (c, goal) in k.Targets)
                {
                    if (!counts.TryGetValue(c, out int n))
                        throw new ArgumentException($"--strategy count:{c}={goal}: '{c}' is not a class of '{target}' (classes: {string.Join(", ", counts.Keys.Order(StringComparer.Ordinal))}).");
                    if (goal < n) throw new ArgumentException($"--strategy count:{c}={goal} would reduce class '{c}' from {n} rows; augmentation only adds rows.");
                    if (goal > n) add[c] = goal - n;
                }
                break;
        }
        return add;
    }
}
