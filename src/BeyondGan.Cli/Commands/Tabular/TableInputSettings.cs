using System.ComponentModel;
using BeyondGan.Tabular.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary>Options shared by every command that models a table: where it is, how to read it, how to model its columns.</summary>
public class TableInputSettings : TableFormatSettings
{
    /// <summary>The data file.</summary>
    [CommandArgument(0, "<DATA>"), Description("CSV (.csv, .tsv, .txt) or Parquet (.parquet) file with a header row.")]
    public string Data { get; init; } = "";

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
        return base.Validate();
    }

    /// <summary>Reads the table.</summary>
    public RawTable ReadTable() => ReadTable(Data);

    /// <summary>The user's schema options.</summary>
    public SchemaOptions SchemaOptions() => SchemaOptions(CategoryLimit, MaxCategories);
}
