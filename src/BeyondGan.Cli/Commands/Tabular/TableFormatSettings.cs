using System.ComponentModel;
using BeyondGan.Tabular.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary>How to read a table file: delimiter, missing spellings, columns forced categorical or left out (tables and sequences).</summary>
public class TableReadSettings : CommandSettings
{
    /// <summary>CSV delimiter.</summary>
    [CommandOption("--delimiter <CHAR>"), Description("CSV delimiter (default: detected among , ; tab |). Use \\t for tab.")]
    public string? Delimiter { get; init; }

    /// <summary>Columns forced categorical.</summary>
    [CommandOption("--discrete <COLUMNS>"), Description("Comma-separated columns to model as categorical.")]
    public string? Discrete { get; init; }

    /// <summary>Columns left out.</summary>
    [CommandOption("--ignore <COLUMNS>"), Description("Comma-separated columns to leave out of the model and the output.")]
    public string? Ignore { get; init; }

    /// <summary>Missing-value spellings.</summary>
    [CommandOption("--missing <TOKENS>"), Description("Comma-separated spellings of a missing value (default: empty, NA, N/A, NaN, ?, null, None).")]
    public string? Missing { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Delimiter is { Length: 0 } ? ValidationResult.Error("--delimiter must not be empty.") : ValidationResult.Success();

    /// <summary>The missing-value spellings.</summary>
    public MissingValues MissingValues() => Missing is null ? new MissingValues() : new MissingValues(Split(Missing));

    /// <summary>Reads the table at <paramref name="path"/>.</summary>
    public RawTable ReadTable(string path) => TableReader.Read(path, Delimiter?.Replace("\\t", "\t"), MissingValues());

    /// <summary>Splits a comma-separated list, trimming entries and dropping empty ones.</summary>
    public static string[] Split(string? list) =>
        list is null ? [] : list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Checks that the folder of an output file exists.</summary>
    public static ValidationResult CheckOutput(string flag, string? path)
    {
        if (path is null) return ValidationResult.Success();
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        return dir is not null && !Directory.Exists(dir)
            ? ValidationResult.Error($"{flag} {path}: the folder {dir} does not exist.")
            : ValidationResult.Success();
    }
}

/// <summary>How to read table files and type their columns: <see cref="TableReadSettings"/> and schema overrides.</summary>
public class TableFormatSettings : TableReadSettings
{
    /// <summary>Schema overrides.</summary>
    [CommandOption("--metadata <FILE.json>"), Description("Column types as JSON (the format `tabular schema --json` writes); wins over inference.")]
    public string? Metadata { get; init; }

    /// <summary>The user's schema overrides (--discrete, --ignore, --metadata) with the given category caps.</summary>
    public SchemaOptions SchemaOptions(int categoryLimit, int maxCategories = 0) => new()
    {
        Discrete = Split(Discrete),
        Ignore = Split(Ignore),
        Metadata = Metadata is null ? null : TableSchema.Load(Metadata),
        CategoryLimit = categoryLimit,
        MaxCategories = maxCategories,
    };
}
