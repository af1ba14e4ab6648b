namespace BeyondGan.Cli.Tests;

public class HelpTests
{
    [Theory]
    [InlineData("toy", "--preset")]
    [InlineData("tabular fit", "--epochs")]
    [InlineData("tabular sample", "--condition")]
    [InlineData("tabular schema", "--discrete")]
    [InlineData("tabular evaluate", "--holdout")]
    [InlineData("tabular augment", "--strategy")]
    [InlineData("tabular demo", "--out")]
    [InlineData("timeseries schema", "--entity")]
    [InlineData("timeseries fit", "--steps")]
    [InlineData("timeseries sample", "--length")]
    [InlineData("timeseries evaluate", "--repeats")]
    [InlineData("timeseries demo", "--machines")]
    [InlineData("audio demo", "--report")]
    [InlineData("audio schema", "--label-pattern")]
    [InlineData("audio fit", "--preset")]
    [InlineData("audio sample", "--label")]
    [InlineData("audio evaluate", "--train")]
    [InlineData("audio vocode", "--griffin-lim")]
    public void Every_command_prints_its_help(string command, string option)
    {
        // A description with unescaped markup ("[,CLASS=N]") once made `tabular augment --help` fail.
        var (exit, output) = CliRunner.Run(command.Split(' ').Append("--help").ToArray());
        Assert.True(exit == 0, output);
        Assert.Contains("USAGE:", output);
        Assert.Contains($"beyondgan {command}", output);
        Assert.Contains(option, output);
    }
}
