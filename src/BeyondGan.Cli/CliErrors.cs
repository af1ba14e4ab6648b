using Spectre.Console.Cli;

namespace BeyondGan.Cli;

/// <summary>Turns any failure into one readable line and an exit code.</summary>
public static class CliErrors
{
    /// <summary>Exit code for bad input or usage.</summary>
    public const int BadInput = 2;
    /// <summary>Exit code for an interrupted run (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>One readable line for <paramref name="e"/>.</summary>
    public static string OneLine(Exception e)
    {
        var inner = e is TypeInitializationException { InnerException: not null } t ? t.InnerException! : e;
        string msg = inner.Message.ReplaceLineEndings(" ").Trim();
        return inner switch
        {
            CommandParseException or CommandRuntimeException => msg,
            FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException or InvalidOperationException or IOException
                or BeyondGan.Audio.Data.AudioDataException => msg,
            _ => $"{inner.GetType().Name}: {msg}",
        };
    }

    /// <summary>Process exit code for <paramref name="e"/>: <see cref="BadInput"/> for bad usage or bad input files, 1 otherwise.</summary>
    public static int ExitCode(Exception e) => e switch
    {
        CommandParseException or CommandRuntimeException or ArgumentException => BadInput,
        FileNotFoundException or DirectoryNotFoundException or InvalidDataException or BeyondGan.Tabular.Data.TabularDataException
            or BeyondGan.Audio.Data.AudioDataException => BadInput,
        _ => 1,
    };
}
