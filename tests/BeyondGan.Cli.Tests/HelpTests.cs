namespace BeyondGan.Cli.Tests;

public class HelpTests
{
    [Theory]
    [InlineData("toy")]
    [InlineData("tabular fit")]
    [InlineData("tabular sample")]
    [InlineData("tabular schema")]
    [InlineData("tabular evaluate")]
    [InlineData("tabular augment")]
    [InlineData("tabular demo")]
    public void Every_command_prints_its_help(string command)
    {
        // Spectre.Console.Cli writes help to the console it captured first, so only the exit code is checked here; a
        // description with unescaped markup ("[,CLASS=N]") made `tabular augment --help` fail.
        var (exit, output) = CliRunner.Run(command.Split(' ').Append("--help").ToArray());
        Assert.True(exit == 0, output);
    }
}
