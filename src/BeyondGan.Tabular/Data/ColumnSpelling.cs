using System.Text.Json.Serialization;

namespace BeyondGan.Tabular.Data;

/// <summary>
/// How a column's cells were written in its file, beyond their values: the white space around present values and the
/// text that stood for a missing one (the commonest of each in the column). Synthetic cells are written this way, so a
/// column read as <c>" State-gov"</c> and <c>" ?"</c> comes back as <c>" State-gov"</c> and <c>" ?"</c>.
/// </summary>
/// <param name="Header">The header field as written (the name with its white space).</param>
/// <param name="Leading">White space before a present value.</param>
/// <param name="Trailing">White space after a present value.</param>
/// <param name="Missing">The text of a missing cell, white space included ("" for an empty cell or a Parquet null).</param>
public sealed record ColumnSpelling(
    [property: JsonPropertyName("header")] string Header,
    [property: JsonPropertyName("leading")] string Leading,
    [property: JsonPropertyName("trailing")] string Trailing,
    [property: JsonPropertyName("missing")] string Missing)
{
    /// <summary>A column written plainly: no white space, missing cells empty.</summary>
    public static ColumnSpelling Plain(string name) => new(name, "", "", "");

    /// <summary>The text of a cell holding <paramref name="value"/> (null = missing).</summary>
    public string Render(string? value) => value is null ? Missing : Leading.Length == 0 && Trailing.Length == 0 ? value : Leading + value + Trailing;
}
