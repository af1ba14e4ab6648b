namespace BeyondGan.Tabular.Data;

/// <summary>
/// Bad input data. The message is one line naming the file and, where they apply, the line and column.
/// </summary>
public sealed class TabularDataException : IOException
{
    /// <summary>Creates the error; <paramref name="line"/> is 1-based (the header is line 1 in a CSV file).</summary>
    public TabularDataException(string source, string message, long? line = null, string? column = null)
        : base(Format(source, message, line, column))
    {
        DataSource = source;
        Line = line;
        Column = column;
    }

    /// <summary>The file (or other source) the data came from.</summary>
    public string DataSource { get; }
    /// <summary>1-based line number, when one applies.</summary>
    public long? Line { get; }
    /// <summary>Column name, when one applies.</summary>
    public string? Column { get; }

    private static string Format(string source, string message, long? line, string? column)
    {
        var where = source;
        if (line is long l) where += $", line {l}";
        if (column is not null) where += $", column '{column}'";
        return $"{where}: {message}";
    }
}
