using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Rules;

/// <summary>
/// <see cref="Column"/> is missing in exactly the rows where <see cref="When"/> is missing — or, with
/// <see cref="Levels"/>, where <see cref="When"/> takes one of those values (<c>salary</c> is missing exactly when
/// <c>placed</c> is False). Kept by modelling the column without gaps and blanking it where the rule says.
/// </summary>
/// <param name="Column">The column whose cells go missing.</param>
/// <param name="When">The column that says when.</param>
public sealed record MissingTogether(
    [property: JsonPropertyName("column")] string Column,
    [property: JsonPropertyName("when")] string When) : TableRule
{
    /// <summary>The values of <see cref="When"/> that go with a missing <see cref="Column"/>; null: when it is missing itself.</summary>
    [JsonPropertyName("levels")] public IReadOnlyList<string>? Levels { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => [Column, When];

    /// <inheritdoc />
    public override string Describe() => Levels is null
        ? $"{Column} is missing exactly when {When} is"
        : $"{Column} is missing exactly when {When} is {string.Join(" or ", Levels)}";

    /// <summary>True when the rule says <see cref="Column"/> is missing in a row where <see cref="When"/> holds <paramref name="value"/>.</summary>
    public bool SaysMissing(string? value) => Levels is null ? value is null : value is not null && Levels.Contains(value, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool?[] Breaks(RawTable table, TableSchema schema)
    {
        var column = table.Column(Column);
        var when = table.Column(When);
        var breaks = new bool?[table.RowCount];
        for (int r = 0; r < breaks.Length; r++) breaks[r] = (column[r] is null) != SaysMissing(when[r]);
        return breaks;
    }
}
