using System.Diagnostics;
using System.Text.Json;
using BeyondGan.Evaluation.Fidelity;
using BeyondGan.Evaluation.Utility;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;

/// <summary>
/// CTGAN on Adult (issue 3): 70/30 split with a fixed seed, the paper's defaults, timings of each phase, peak memory,
/// column shapes / pair trends of the synthetic data against the real training rows, and TSTR/TRTR F1 on income.
/// Unconditional and income-stratified samples are both scored.
/// With --no-rules the rules found in the table are not kept, only checked on the synthetic rows.
/// Usage: tabular adult [--data PATH] [--no-rules] [--epochs N] [--threads T] [--seed S] [--ema DECAY, 0 = off] [--precision auto|float32|bfloat16] [--reuse-fakes true|false] [--penalty-fraction F] [--joint-critic-pass true|false] [--focus COLUMN[:SHARE]] [--out FILE.json] [--model FILE.bgan]
/// </summary>
internal static class TabularBench
{
    public static void Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "profile") { TabularProfile.Run(args); return; }
        if (args.Length > 0 && args[0] == "memory") { TabularMemory.Run(args); return; }
        if (args.Length > 0 && args[0] == "scale") { TabularScale.Run(args); return; }
        if (args.Length > 0 && args[0] == "sample-speed") { TabularSampleSpeed.Run(args); return; }
        if (args.Length > 0 && args[0] == "evaluate") { TabularEvaluateBench.Run(args); return; }
        if (args.Length > 0 && args[0] == "budget") { TabularBudget.Run(args); return; }
        string data = Arg(args, "--data") ?? FindDataset("tabular/adult.csv");
        int epochs = int.Parse(Arg(args, "--epochs") ?? "300");
        int threads = int.Parse(Arg(args, "--threads") ?? "2");
        long seed = long.Parse(Arg(args, "--seed") ?? "0");
        string? outFile = Arg(args, "--out");
        string? modelFile = Arg(args, "--model");
        TorchRuntime.EnsureLoaded();
        TorchRuntime.SetThreads(threads);
        var result = new Dictionary<string, object?> { ["data"] = Path.GetFileName(data), ["epochs"] = epochs, ["threads"] = threads, ["seed"] = seed };

        var watch = Stopwatch.StartNew();
        var table = TableReader.Read(data);
        result["read_seconds"] = watch.Elapsed.TotalSeconds;
        var (train, test) = Split(table, 0.7, 42);
        var schema = SchemaInference.Infer(train);
        Console.WriteLine($"rows {table.RowCount} (train {train.RowCount}, test {test.RowCount}); schema: {string.Join(", ", schema.Columns.Select(c => $"{c.Name}:{c.Kind}"))}");

        // --ema DECAY (default: CtganOptions' default); --ema 0 = the paper (no weight average).
        double? ema = Arg(args, "--ema") is string e ? double.Parse(e, System.Globalization.CultureInfo.InvariantCulture) : new CtganOptions().GeneratorEma;
        if (ema == 0) ema = null;
        result["ema"] = ema;
        // --penalty-fraction F and --reuse-fakes true|false (default: CtganOptions' defaults).
        var defaults = new CtganOptions();
        double penaltyFraction = Arg(args, "--penalty-fraction") is string pf ? double.Parse(pf, System.Globalization.CultureInfo.InvariantCulture) : defaults.GradientPenaltyFraction;
        bool reuse = Arg(args, "--reuse-fakes") is string rf ? bool.Parse(rf) : defaults.ReuseCriticFakes;
        var precision = Arg(args, "--precision") is string pr ? BeyondGan.Runtime.ComputePrecisionExtensions.Parse(pr) : defaults.Precision;
        result["precision"] = precision.ToString();
        bool joint = Arg(args, "--joint-critic-pass") is string jc ? bool.Parse(jc) : defaults.JointCriticPass;
        result["joint_critic_pass"] = joint;
        result["penalty_fraction"] = penaltyFraction;
        result["reuse_fakes"] = reuse;
        var options = defaults with { Epochs = epochs, Seed = seed, GeneratorEma = ema, GradientPenaltyFraction = penaltyFraction, ReuseCriticFakes = reuse, Precision = precision, JointCriticPass = joint };
        // --focus COLUMN[:SHARE] (as tabular fit --focus-column): condition SHARE of each batch on COLUMN with its levels drawn evenly (CtganOptions.FocusColumn).
        if (Arg(args, "--focus") is string focus)
        {
            var (column, share) = CtganOptions.ParseFocus(focus);
            options = options with { FocusColumn = column, FocusShare = share };
            result["focus"] = focus;
        }
        // --no-rules: model every column as it is (the rules found in the table are then only checked).
        bool noRules = args.Contains("--no-rules");
        result["rules"] = !noRules;
        watch.Restart();
        var prepared = CtganSynthesizer.Prepare(train, schema, options, rules: noRules ? BeyondGan.Tabular.Rules.RuleSet.None : null);
        result["transformer_fit_seconds"] = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"transformer fit + encode: {watch.Elapsed.TotalSeconds:F2} s, width {prepared.Transformer.Width}, condition {prepared.Transformer.ConditionWidth}");

        using var model = prepared.CreateModel();
        watch.Restart();
        var lastPrint = Stopwatch.StartNew();
        model.Train(prepared, p =>
        {
            if (lastPrint.Elapsed.TotalSeconds < 10 && p.Step != p.TotalSteps) return;
            lastPrint.Restart();
            Console.WriteLine($"  epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.TotalSteps} D {p.CriticLoss:F3} G {p.GeneratorLoss:F3} ({watch.Elapsed.TotalSeconds:F0} s)");
        });
        double trainSeconds = watch.Elapsed.TotalSeconds;
        long steps = model.StepsPerEpoch(prepared.Rows) * epochs;
        result["train_seconds"] = trainSeconds;
        result["steps"] = steps;
        result["ms_per_step"] = trainSeconds * 1000 / steps;
        Console.WriteLine($"training: {trainSeconds:F1} s, {steps} steps, {trainSeconds * 1000 / steps:F2} ms/step");
        if (modelFile is not null) TabularModelFile.Save(modelFile, model);

        watch.Restart();
        var big = model.Sample(100_000, seed: 1);
        var tmp = Path.Combine(Path.GetTempPath(), $"bgan-bench-{Environment.ProcessId}.csv");
        CsvTableWriter.Write(tmp, big);
        result["sample_100k_csv_seconds"] = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"sample 100,000 rows to CSV: {watch.Elapsed.TotalSeconds:F2} s");
        File.Delete(tmp);

        var task = PredictionTask.For(train, schema, "income", ">50K");
        (QualityReport Quality, PredictionScores Tstr) Score(RawTable synthetic) =>
            (QualityReport.Compute(train, synthetic, schema), MachineLearningEfficacy.Score(synthetic, test, schema, task, UtilityModel.LightGbm));

        var unconditional = model.Sample(train.RowCount, seed: 2);
        var (quality, tstr) = Score(unconditional);
        var rules = BeyondGan.Evaluation.Rules.RulesReport.Compute(train, unconditional, schema);
        result["rows_breaking_rules"] = rules.SyntheticRowsBreakingAnyButRanges;
        foreach (var r in rules.Rules.Where(r => r.Rule is not BeyondGan.Tabular.Rules.ValueRange))
        {
            result[$"broken: {r.Rule.Describe()}"] = r.Synthetic.BrokenShare;
            Console.WriteLine($"rule {r.Rule.Describe()}: broken in {r.Synthetic.BrokenShare:P2} of synthetic rows (real {r.Real.BrokenShare:P2})");
        }
        result["column_shapes"] = quality.ColumnShapes;
        result["column_pair_trends"] = quality.ColumnPairTrends;
        result["quality"] = quality.Quality;
        foreach (var s in quality.Shapes) Console.WriteLine($"  {s.Column,-16} {s.Metric,-13} {s.Score:F3}");
        Console.WriteLine($"column shapes {quality.ColumnShapes:F3}, pair trends {quality.ColumnPairTrends:F3}, quality {quality.Quality:F3}");

        var trtr = MachineLearningEfficacy.Score(train, test, schema, task, UtilityModel.LightGbm);
        result["tstr_f1"] = tstr.F1;
        result["trtr_f1"] = trtr.F1;
        result["tstr_auc"] = tstr.RocAuc;
        result["trtr_auc"] = trtr.RocAuc;
        Console.WriteLine($"TSTR F1 {tstr.F1:F3} (AUC {tstr.RocAuc:F3}); TRTR F1 {trtr.F1:F3} (AUC {trtr.RocAuc:F3})");

        // The same, sampled with the label in its training proportions (`tabular sample --stratify income`).
        var (stratifiedQuality, stratifiedTstr) = Score(model.Sample(train.RowCount, seed: 2, stratify: "income"));
        result["stratified_column_shapes"] = stratifiedQuality.ColumnShapes;
        result["stratified_quality"] = stratifiedQuality.Quality;
        result["stratified_tstr_f1"] = stratifiedTstr.F1;
        result["stratified_tstr_auc"] = stratifiedTstr.RocAuc;
        Console.WriteLine($"stratified by income: column shapes {stratifiedQuality.ColumnShapes:F3}, quality {stratifiedQuality.Quality:F3}, TSTR F1 {stratifiedTstr.F1:F3} (AUC {stratifiedTstr.RocAuc:F3})");
        result["peak_working_set_mb"] = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
        if (outFile is not null) File.WriteAllText(outFile, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Shuffles row indices with a seeded generator and cuts them at <paramref name="fraction"/>.</summary>
    internal static (RawTable Train, RawTable Test) Split(RawTable table, double fraction, int seed)
    {
        var order = Enumerable.Range(0, table.RowCount).ToArray();
        new Random(seed).Shuffle(order);
        int cut = (int)(table.RowCount * fraction);
        return (table.SelectRows(order[..cut]), table.SelectRows(order[cut..]));
    }

    internal static string FindDataset(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets", relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"../shared/datasets/{relative} not found; pass --data PATH.");
    }

    internal static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
