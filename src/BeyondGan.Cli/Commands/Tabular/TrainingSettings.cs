using System.ComponentModel;
using BeyondGan.Tabular.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary>Options of CTGAN training (defaults: the paper's).</summary>
public class TrainingSettings : TableInputSettings
{
    /// <summary>Fewest training steps for a small table.</summary>
    [CommandOption("--minimum-steps <N>"), Description("Fewest training steps: a small table's batch shrinks to about a tenth of its rows and its epochs grow until it gets them (fit: default 10000; augment: default 3000; 0 = CTGAN's epochs only). When --epochs or --batch-size is given, 0 unless given too.")]
    public long? MinimumSteps { get; init; }

    /// <summary>The minimum steps to use: <see cref="MinimumSteps"/>, else <paramref name="defaultSteps"/> unless --epochs or --batch-size was given (then 0: kept as given).</summary>
    public long EffectiveMinimumSteps(long defaultSteps) => MinimumSteps ?? (Epochs is null && BatchSize is null ? defaultSteps : 0);

    /// <summary>Rules file.</summary>
    [CommandOption("--rules <FILE.json>"), Description("Keep exactly these rules (the JSON `tabular schema --rules-json` writes, edited) instead of the rules found in the table.")]
    public string? RulesFile { get; init; }

    /// <summary>No rules.</summary>
    [CommandOption("--no-rules"), Description("Keep no rules: model every column as it is (rules found in the table are not enforced).")]
    public bool NoRules { get; init; }

    /// <summary>The rules to keep: none with --no-rules, the file's with --rules, else null (find them in the table).</summary>
    public BeyondGan.Tabular.Rules.RuleSet? Rules() =>
        NoRules ? BeyondGan.Tabular.Rules.RuleSet.None : RulesFile is null ? null : BeyondGan.Tabular.Rules.RuleSet.Load(RulesFile);

    /// <summary>Epochs.</summary>
    [CommandOption("--epochs <N>"), Description("Passes over the data (default 300).")]
    public int? Epochs { get; init; }

    /// <summary>Batch size.</summary>
    [CommandOption("--batch-size <N>"), Description("Rows per step; a multiple of --pac (default 500).")]
    public int? BatchSize { get; init; }

    /// <summary>Pack size.</summary>
    [CommandOption("--pac <N>"), Description("PacGAN pack size of the critic (default 10).")]
    public int? Pac { get; init; }

    /// <summary>Seed.</summary>
    [CommandOption("--seed <S>"), Description("Seed of the whole fit (default 0)."), DefaultValue(0L)]
    public long Seed { get; init; }

    /// <summary>Generator widths.</summary>
    [CommandOption("--generator-dims <W,W>"), Description("Widths of the generator's residual blocks (default 256,256).")]
    public string? GeneratorDims { get; init; }

    /// <summary>Critic widths.</summary>
    [CommandOption("--critic-dims <W,W>"), Description("Widths of the critic's layers (default 256,256).")]
    public string? CriticDims { get; init; }

    /// <summary>Generator learning rate.</summary>
    [CommandOption("--lr-g <LR>"), Description("Generator learning rate (default 2e-4).")]
    public double? LearningRateG { get; init; }

    /// <summary>Critic learning rate.</summary>
    [CommandOption("--lr-d <LR>"), Description("Critic learning rate (default 2e-4).")]
    public double? LearningRateD { get; init; }

    /// <summary>Critic steps.</summary>
    [CommandOption("--critic-steps <N>"), Description("Critic steps per generator step (default 1).")]
    public int? CriticSteps { get; init; }

    /// <summary>Generator weight averaging.</summary>
    [CommandOption("--ema <DECAY>"), Description("Decay of the moving average of the generator's weights used for sampling (fit: default 0.999; augment: default 0; 0 = off, as in the paper).")]
    public double? Ema { get; init; }

    /// <summary>Gradient penalty subset.</summary>
    [CommandOption("--penalty-fraction <F>"), Description("Share of each batch's packs the gradient penalty is estimated on (fit: default 0.2; augment: default 1 = all, as in the paper).")]
    public double? PenaltyFraction { get; init; }

    /// <summary>Reuse of the critic's batch for the generator update.</summary>
    [CommandOption("--reuse-fakes <BOOL>"), Description("true: the generator update reuses the critic update's generated rows (fit's default); false: it generates new ones, as in the paper (augment's default).")]
    public string? ReuseFakes { get; init; }

    /// <summary>One critic call for real and generated rows.</summary>
    [CommandOption("--joint-critic-pass <BOOL>"), Description("true: the critic scores real and generated rows in one call (fit's default; faster; same scores, different dropout draws); false: two calls, as in the paper (augment's default).")]
    public string? JointCriticPass { get; init; }

    /// <summary>Matrix-product precision.</summary>
    [CommandOption("--precision <NAME>"), Description("auto (fit's default: bfloat16 where the CPU has native bfloat16 dot products, else float32), float32 (the paper; augment's default) or bfloat16: the networks' matrix products only; weights stay float32.")]
    public string? Precision { get; init; }

    /// <summary>Threads.</summary>
    [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
    public int Threads { get; init; }

    /// <summary>Device.</summary>
    [CommandOption("--device <NAME>"), Description("cpu (default), cuda or cuda:N."), DefaultValue("cpu")]
    public string Device { get; init; } = "cpu";

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        var v = base.Validate();
        if (!v.Successful) return v;
        if (Threads < 0) return ValidationResult.Error("--threads must be 0 or positive.");
        if (NoRules && RulesFile is not null) return ValidationResult.Error("--rules and --no-rules cannot be combined.");
        if (MinimumSteps < 0) return ValidationResult.Error($"--minimum-steps must be 0 or positive, got {MinimumSteps}.");
        try { Options(new CtganOptions()); }
        catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
        return ValidationResult.Success();
    }

    /// <summary>The CTGAN options: <paramref name="defaults"/> overridden by the flags given.</summary>
    public CtganOptions Options(CtganOptions defaults)
    {
        var o = defaults with
        {
            Epochs = Epochs ?? defaults.Epochs,
            BatchSize = BatchSize ?? defaults.BatchSize,
            Pac = Pac ?? defaults.Pac,
            Seed = Seed,
            GeneratorDims = GeneratorDims is null ? defaults.GeneratorDims : Widths("--generator-dims", GeneratorDims),
            CriticDims = CriticDims is null ? defaults.CriticDims : Widths("--critic-dims", CriticDims),
            GeneratorLearningRate = LearningRateG ?? defaults.GeneratorLearningRate,
            CriticLearningRate = LearningRateD ?? defaults.CriticLearningRate,
            CriticSteps = CriticSteps ?? defaults.CriticSteps,
            GeneratorEma = Ema is null ? defaults.GeneratorEma : Ema == 0 ? null : Ema,
            GradientPenaltyFraction = PenaltyFraction ?? defaults.GradientPenaltyFraction,
            ReuseCriticFakes = ReuseFakes is null ? defaults.ReuseCriticFakes : Flag("--reuse-fakes", ReuseFakes),
            JointCriticPass = JointCriticPass is null ? defaults.JointCriticPass : Flag("--joint-critic-pass", JointCriticPass),
            Precision = Precision is null ? defaults.Precision : BeyondGan.Runtime.ComputePrecisionExtensions.Parse(Precision),
            Device = Device,
        };
        o.Validate();
        return o;
    }

    private static bool Flag(string flag, string text) => bool.TryParse(text, out bool value)
        ? value
        : throw new ArgumentException($"{flag} {text}: expected true or false.");

    private static int[] Widths(string flag, string text)
    {
        var parts = Split(text);
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], out widths[i]) || widths[i] < 1)
                throw new ArgumentException($"{flag} {text}: expected comma-separated positive widths such as 256,256.");
        if (widths.Length == 0) throw new ArgumentException($"{flag}: give at least one width.");
        return widths;
    }
}
