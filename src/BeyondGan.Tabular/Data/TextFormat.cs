using System.Text.Json.Serialization;

namespace BeyondGan.Tabular.Data;

/// <summary>
/// How a table file was written: its delimiter, its line ending, and each column's <see cref="ColumnSpelling"/>. A table
/// read from a file carries its format; tables made from it (samples, augmented tables) are written back in it, and a
/// model file keeps it so that <c>tabular sample</c> writes what the training file would have held.
/// </summary>
/// <param name="Delimiter">The field delimiter.</param>
/// <param name="NewLine">The line ending.</param>
/// <param name="Columns">Spelling per column name; a column not listed is written plainly.</param>
public sealed record TextFormat(
    [property: JsonPropertyName("delimiter")] string Delimiter,
    [property: JsonPropertyName("newline")] string NewLine,
    [property: JsonPropertyName("columns")] IReadOnlyDictionary<string, ColumnSpelling> Columns)
{
    /// <summary>Comma, LF, every column plain: how tables made in memory are written.</summary>
    public static readonly TextFormat Default = new(",", "\n", new Dictionary<string, ColumnSpelling>());

    /// <summary>The spelling of column <paramref name="name"/> (plain when not recorded).</summary>
    public ColumnSpelling Of(string name) => Columns.TryGetValue(name, out var s) ? s : ColumnSpelling.Plain(name);
}
