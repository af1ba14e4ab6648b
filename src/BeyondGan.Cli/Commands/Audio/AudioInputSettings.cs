using System.ComponentModel;
using BeyondGan.Audio.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Audio;

/// <summary>How clips are found and labelled: shared by the audio commands that read folders.</summary>
internal class AudioInputSettings : CommandSettings
{
    [CommandOption("--label-pattern <REGEX>"), Description("Label each clip by this regular expression on its file name; its first group is the label (FSDD: '^(\\d)_'). A file it does not match is an error.")]
    public string? LabelPattern { get; init; }

    [CommandOption("--label-column <NAME>"), Description("A CSV manifest's label column (default label; none = read the clips unlabelled, for an unconditional model)."), DefaultValue("label")]
    public string LabelColumn { get; init; } = "label";

    [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
    public int Threads { get; init; }

    /// <summary>Reads a folder or manifest with these settings.</summary>
    public AudioFolder Read(string path) => AudioFolder.Read(path, LabelPattern, LabelColumn);

    public override ValidationResult Validate() => Threads < 0 ? ValidationResult.Error("--threads must be 0 or positive.") : ValidationResult.Success();
}
