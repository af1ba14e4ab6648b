namespace BeyondGan.Tabular.Data;

/// <summary>The spellings that mean "no value" (compared after trimming, case-insensitively).</summary>
public sealed class MissingValues
{
    /// <summary>Empty, NA, N/A, NaN, ?, null, None.</summary>
    public static readonly IReadOnlyList<string> DefaultTokens = ["", "NA", "N/A", "NaN", "?", "null", "None"];

    /// <summary>How a missing value is shown where a label is needed (reports, class names, error messages).</summary>
    public const string Label = "(missing)";

    private readonly HashSet<string> tokens;

    /// <summary>Creates the set from <paramref name="tokens"/> (default: <see cref="DefaultTokens"/>).</summary>
    public MissingValues(IEnumerable<string>? tokens = null) =>
        this.tokens = new HashSet<string>((tokens ?? DefaultTokens).Select(t => t.Trim()), StringComparer.OrdinalIgnoreCase) { "" };

    /// <summary>The tokens, sorted.</summary>
    public IReadOnlyList<string> Tokens => tokens.Order(StringComparer.Ordinal).ToList();

    /// <summary>True when <paramref name="value"/> (already trimmed) means missing.</summary>
    public bool IsMissing(string value) => tokens.Contains(value);
}
