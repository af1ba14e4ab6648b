using System.ComponentModel;
using BeyondGan.Tabular.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary>Options shared by every command that reads a table: where it is, how to read it, how to model its columns.</summary>
public class TableInputSettings : CommandSettings
{
    /// <summary>The data file.</summary>
    [CommandArgument(0, "<DATA>"), Description("CSV (.csv, .tsv, .txt) or Parquet (.parquet) file with a header row.")]
    public string Data { get; init; } = "";

    /// <summary>CSV delimiter.</summary>
    [CommandOption("--delimiter <CHAR>"), Description("CSV delimiter (default: detected among , ; tab |). Use \\t for tab.")]
    public string? Delimiter { get; init; }

    /// <summary>Columns forced categorical.</summary>
    [CommandOption("--discrete <COLUMNS>"), Description("Comma-separated columns to model as categorical.")]
    public string? Discrete { get; init; }

    /// <summary>Columns left out.</summary>
    [CommandOption("--ignore <COLUMNS>"), Description("Comma-separated columns to leave out of the model and the output.")]
    public string? Ignore { get; init; }

    /// <summary>Schema overrides.</summary>
    [CommandOption("--metadata <FILE.json>"), Description("Column types as JSON (the format `tabular schema --json` writes); wins over inference.")]
    public string? Metadata { get; init; }

    /// <summary>Missing-value spellings.</summary>
    [CommandOption("--missing <TOKENS>"), Description("Comma-separated spellings of a missing value (default: empty, NA, N/A, NaN, ?, null, None).")]
    public string? Missing { get; init; }

    /// <summary>Category cap with an "other" bucket.</summary>
    [CommandOption("--max-categories <N>"), Description("Keep the N−1 most frequent levels of each categorical column and bucket the rest as \"(other)\".")]
    public int MaxCategories { get; init; }

    /// <summary>Refuse categorical columns with more levels than this.</summary>
    [CommandOption("--category-limit <N>"), Description("Refuse a categorical column with more levels than this (default 500)."), DefaultValue(500)]
    public int CategoryLimit { get; init; } = 500;

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (MaxCategories is < 0 or 1) return ValidationResult.Error("--max-categories must be at least 2.");
        if (CategoryLimit < 2) return ValidationResult.Error("--category-limit must be at least 2.");
        if (Delimiter is { Length: 0 }) return ValidationResult.Error("--delimiter must not be empty.");
        return ValidationResult.Success();
    }

    /// <summary>The missing-value spellings.</summary>
    public MissingValues MissingValues() => Missing is null ? new MissingValues() : new MissingValues(Split(Missing));

    /// <summary>Reads the table.</summary>
    public RawTable ReadTable() => TableReader.Read(Data, Delimiter?.Replace("\\t", "\t"), MissingValues());

    /// <summary>The user's schema options.</summary>
    public SchemaOptions SchemaOptions() => new()
    {
        Discrete = Split(Discrete),
        Ignore = Split(Ignore),
        Metadata = Metadata is null ? null : TableSchema.Load(Metadata),
        CategoryLimit = CategoryLimit,
        MaxCategories = MaxCategories,
    };

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
