using Spectre.Console;

namespace BeyondGan.Cli.Commands;

/// <summary>The <c>--condition COLUMN=VALUE</c> arguments of the sample commands: checked at parse time, then split.</summary>
internal static class ConditionArguments
{
    /// <summary>An error for the first argument without a column before its '=', or success.</summary>
    public static ValidationResult Check(IEnumerable<string> conditions)
    {
        foreach (var c in conditions)
            if (c.IndexOf('=') <= 0) return ValidationResult.Error($"--condition {c}: expected COLUMN=VALUE.");
        return ValidationResult.Success();
    }

    /// <summary>Each argument as (column, value), both trimmed; the value is everything after the first '='.</summary>
    public static List<KeyValuePair<string, string?>> Parse(IEnumerable<string> conditions) =>
        conditions.Select(c => { int i = c.IndexOf('='); return new KeyValuePair<string, string?>(c[..i].Trim(), c[(i + 1)..].Trim()); }).ToList();
}
