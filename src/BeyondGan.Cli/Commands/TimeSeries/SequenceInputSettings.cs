using System.ComponentModel;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.Tabular.Data;
using BeyondGan.TimeSeries.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.TimeSeries;

/// <summary>How to read a long-format table as sequences: its time and entity columns, statics, window, on top of the table reader's options.</summary>
public class SequenceReadSettings : TableReadSettings
{
    /// <summary>Time column.</summary>
    [CommandOption("--time <COLUMN>"), Description("The time of each row (datetime or number); rows are sorted by it within each entity, irregular gaps allowed. Without it the file's row order is the time order.")]
    public string? Time { get; init; }

    /// <summary>Entity key columns.</summary>
    [CommandOption("--entity <COLUMNS>"), Description("Comma-separated columns naming an entity (panel data: one sequence per entity, lengths may differ). Without it the file is one long series, cut into windows.")]
    public string? Entity { get; init; }

    /// <summary>Static attributes.</summary>
    [CommandOption("--static <COLUMNS>"), Description("Comma-separated attributes of the entity (constant within it). Default: every column that is constant within every entity.")]
    public string? Static { get; init; }

    /// <summary>Window length of a single series.</summary>
    [CommandOption("--window <N>"), Description("Steps per window of a single long series (default 24, stride 1, as the TimeGAN protocol)."), DefaultValue(24)]
    public int Window { get; init; } = 24;

    /// <summary>Category cap.</summary>
    [CommandOption("--category-limit <N>"), Description("Refuse a categorical column with more levels than this (default 500)."), DefaultValue(500)]
    public int CategoryLimit { get; init; } = 500;

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Window < 2) return ValidationResult.Error($"--window must be at least 2, got {Window}.");
        if (CategoryLimit < 2) return ValidationResult.Error("--category-limit must be at least 2.");
        if (Static is not null && Entity is null) return ValidationResult.Error("--static needs --entity: a single series has no entity to be constant in.");
        return base.Validate();
    }

    /// <summary>The reading options.</summary>
    public SequenceOptions Options() => new()
    {
        Time = Time,
        Entity = Split(Entity),
        Static = Static is null ? null : Split(Static),
        Discrete = Split(Discrete),
        Ignore = Split(Ignore),
        Window = Window,
        CategoryLimit = CategoryLimit,
    };

    /// <summary>Reads <paramref name="path"/> as sequences.</summary>
    public SequenceTable Read(string path) => SequenceReader.Read(ReadTable(path), Options());
}

/// <summary><see cref="SequenceReadSettings"/> with the data file as the first argument.</summary>
public class SequenceInputSettings : SequenceReadSettings
{
    /// <summary>The data file.</summary>
    [CommandArgument(0, "<DATA>"), Description("Long-format CSV (.csv, .tsv, .txt) or Parquet (.parquet) file with a header row: one row per entity and time.")]
    public string Data { get; init; } = "";

    /// <summary>Reads the data file as sequences.</summary>
    public SequenceTable Read() => Read(Data);
}
