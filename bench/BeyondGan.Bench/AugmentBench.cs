using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BeyondGan.Augmentation;
using BeyondGan.Evaluation.Fidelity;
using BeyondGan.Evaluation.Utility;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;

/// <summary>
/// Augmentation against SMOTE-NC (issue 5). Adult: a real test set (the 30 % of `tabular adult`, seed 42); from the
/// other 70 % per seed a training set with `>50K` cut to 5 % or 1 % of rows, and a 1,000-row random sample. Penguins:
/// 70/30 random split per seed, target species. Each training set is augmented to balance with no augmentation,
/// random oversampling, SMOTE-NC, the GAN, and the GAN with each filter (critic; classifier keeping 1 of 2 or 1 of 4
/// candidates; label consistency); LightGbm (fixed
/// hyper-parameters) is trained on it and scored on the real test set.
/// Usage: augment [--dataset adult|penguins] [--scenarios 5pct,1pct,small] [--seeds N] [--epochs N] [--small-epochs N] [--focus SHARE] [--candidates K] [--paper-gan] [--out FILE.json]
/// </summary>
internal static class AugmentBench
{
    private static readonly string[] Methods = ["none", "random", "smote-nc", "gan", "gan+critic", "gan+classifier", "gan+classifier×4", "gan+label"];

    public static void Run(string[] args)
    {
        string dataset = TabularBench.Arg(args, "--dataset") ?? "adult";
        int seeds = int.Parse(TabularBench.Arg(args, "--seeds") ?? "5", CultureInfo.InvariantCulture);
        int epochs = int.Parse(TabularBench.Arg(args, "--epochs") ?? "100", CultureInfo.InvariantCulture);
        int smallEpochs = int.Parse(TabularBench.Arg(args, "--small-epochs") ?? "300", CultureInfo.InvariantCulture);
        var scenarios = (TabularBench.Arg(args, "--scenarios") ?? (dataset == "adult" ? "5pct,1pct,small" : "all")).Split(',');
        string? outFile = TabularBench.Arg(args, "--out");
        double? focus = TabularBench.Arg(args, "--focus") is string f ? double.Parse(f, CultureInfo.InvariantCulture) : null;
        bool paperGan = args.Contains("--paper-gan");
        double candidates = double.Parse(TabularBench.Arg(args, "--candidates") ?? "2", CultureInfo.InvariantCulture);
        TorchRuntime.EnsureLoaded();
        TorchRuntime.SetThreads(int.Parse(TabularBench.Arg(args, "--threads") ?? "2", CultureInfo.InvariantCulture));
        var table = TableReader.Read(TabularBench.Arg(args, "--data") ?? TabularBench.FindDataset($"tabular/{dataset}.csv"));
        string target = dataset == "adult" ? "income" : "species";
        var results = new List<Dictionary<string, object>>();
        foreach (var scenario in scenarios)
            for (int seed = 0; seed < seeds; seed++)
            {
                var (train, test) = Scenario(table, dataset, target, scenario, seed);
                var schema = SchemaInference.Infer(train, new SchemaOptions { Discrete = [target] });
                string minority = train.Column(target).GroupBy(v => v).OrderBy(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key!;
                var task = PredictionTask.For(train, schema, target, dataset == "adult" ? ">50K" : null);
                Console.WriteLine($"{dataset} {scenario} seed {seed}: {train.RowCount} rows, minority '{minority}' {train.Column(target).Count(v => v == minority)}");
                // The GAN is trained as `tabular augment` trains it (focus, small-table batch and steps), unless --paper-gan.
                var gan = TabularAugmenter.GanOptions(new AugmentationOptions
                {
                    Target = target, Seed = seed, TargetFocus = focus, MinimumSteps = paperGan ? 0 : 3_000,
                    Gan = new CtganOptions { Epochs = scenario == "small" || dataset != "adult" ? smallEpochs : epochs },
                }, train.RowCount);
                var watch = Stopwatch.StartNew();
                Console.WriteLine($"  GAN: {gan.Epochs} epochs at batch {gan.BatchSize}, focus {(gan.FocusColumn is null ? "none" : gan.FocusShare.ToString(CultureInfo.InvariantCulture))}");
                using var model = CtganSynthesizer.Fit(train, schema, gan);
                double fitSeconds = watch.Elapsed.TotalSeconds;
                foreach (var method in Methods)
                {
                    watch.Restart();
                    var augmented = method == "none" ? train : TabularAugmenter.Augment(train, schema, Options(method, target, seed) with { Oversampling = method.EndsWith("×4", StringComparison.Ordinal) ? 4 : candidates }, model).Table;
                    double augmentSeconds = watch.Elapsed.TotalSeconds;
                    var scores = MachineLearningEfficacy.Score(augmented, test, schema, task, UtilityModel.LightGbm, seed);
                    double minorityF1 = MinorityF1(augmented, test, schema, task, minority, seed, scores);
                    var row = new Dictionary<string, object>
                    {
                        ["dataset"] = dataset, ["scenario"] = scenario, ["seed"] = seed, ["method"] = method,
                        ["train_rows"] = train.RowCount, ["augmented_rows"] = augmented.RowCount,
                        ["minority_f1"] = minorityF1, ["macro_f1"] = scores.MacroF1, ["balanced_accuracy"] = scores.BalancedAccuracy, ["pr_auc"] = scores.PrAuc,
                        ["gan_fit_seconds"] = fitSeconds, ["augment_seconds"] = augmentSeconds,
                    };
                    if (method.StartsWith("gan", StringComparison.Ordinal))
                    {
                        // Why the GAN helps or not: how close its minority rows are to the real minority rows.
                        var realMinority = Rows(train, target, minority, synthetic: false, train.RowCount);
                        var synMinority = Rows(augmented, target, minority, synthetic: true, train.RowCount);
                        row["synthetic_minority_quality"] = QualityReport.Compute(realMinority, synMinority, schema).Quality;
                        // Is the conditioning respected in substance, not just in the label? A classifier trained on the
                        // real rows (minority vs rest) gives its mean P(minority) to the synthetic minority rows and to the
                        // real minority rows of the test set.
                        var labelScores = Filtering(train, schema, target, minority, synMinority, seed);
                        var realScores = Filtering(train, schema, target, minority, Rows(test, target, minority, synthetic: false, test.RowCount), seed);
                        row["label_consistency_synthetic"] = labelScores.Average(Sigmoid);
                        row["label_consistency_real_test"] = realScores.Average(Sigmoid);
                    }
                    results.Add(row);
                    Console.WriteLine($"  {method,-15} minority F1 {minorityF1:F3} macro-F1 {scores.MacroF1:F3} balanced acc {scores.BalancedAccuracy:F3} PR-AUC {scores.PrAuc:F3}" +
                        (row.TryGetValue("synthetic_minority_quality", out var q) ? $" (synthetic minority quality {(double)q:F3}, P(minority) synthetic {(double)row["label_consistency_synthetic"]:F3} vs real test {(double)row["label_consistency_real_test"]:F3})" : "") + $" [{augmentSeconds:F1} s]");
                }
                if (outFile is not null) File.WriteAllText(outFile, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
            }
        Console.WriteLine();
        Console.WriteLine("| scenario | method | minority F1 | macro-F1 | balanced accuracy | PR-AUC |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var g in results.GroupBy(r => ((string)r["scenario"], (string)r["method"])))
            Console.WriteLine($"| {g.Key.Item1} | {g.Key.Item2} | {Stat(g, "minority_f1")} | {Stat(g, "macro_f1")} | {Stat(g, "balanced_accuracy")} | {Stat(g, "pr_auc")} |");
    }

    private static AugmentationOptions Options(string method, string target, int seed) => new()
    {
        Target = target,
        Method = method switch { "random" => AugmentationMethod.Random, "smote-nc" => AugmentationMethod.SmoteNc, _ => AugmentationMethod.Gan },
        Filter = method switch { "gan+critic" => SyntheticFilter.Critic, "gan+classifier" or "gan+classifier×4" => SyntheticFilter.Classifier, "gan+label" => SyntheticFilter.Label, _ => SyntheticFilter.None },
        Seed = seed,
    };

    private static double[] Filtering(RawTable train, TableSchema schema, string target, string minority, RawTable rows, int seed) =>
        BeyondGan.Augmentation.Filtering.RealismFilter.LabelScores(train, schema, target, minority, rows, seed);

    private static double Sigmoid(double s) => 1 / (1 + Math.Exp(-s));

    /// <summary>F1 of the minority class (for a binary task the positive class is the minority), from the same model's predictions.</summary>
    private static double MinorityF1(RawTable train, RawTable test, TableSchema schema, PredictionTask task, string minority, int seed, PredictionScores scores)
    {
        if (task.Kind == PredictionKind.BinaryClassification) return task.Positive == minority ? scores.F1 : double.NaN;
        var p = MachineLearningEfficacy.Predict(train, test, schema, task, UtilityModel.LightGbm, seed);
        return p is null ? double.NaN : p.F1(MachineLearningEfficacy.ClassIndex(task, minority));
    }

    private static RawTable Rows(RawTable t, string target, string label, bool synthetic, int realRows)
    {
        var cells = t.Column(target);
        return t.SelectRows(Enumerable.Range(0, t.RowCount).Where(i => cells[i] == label && (i >= realRows) == synthetic).ToArray());
    }

    private static (RawTable Train, RawTable Test) Scenario(RawTable table, string dataset, string target, string scenario, int seed)
    {
        if (dataset != "adult") return TabularBench.Split(table, 0.7, 100 + seed);
        var (rest, test) = TabularBench.Split(table, 0.7, 42);
        var rng = new Random(1000 + seed);
        var label = rest.Column(target);
        var major = Enumerable.Range(0, rest.RowCount).Where(i => label[i] != ">50K").ToArray();
        var minor = Enumerable.Range(0, rest.RowCount).Where(i => label[i] == ">50K").ToArray();
        rng.Shuffle(minor);
        int[] keep = scenario switch
        {
            "5pct" => major.Concat(minor.Take((int)Math.Round(major.Length * 0.05 / 0.95))).ToArray(),
            "1pct" => major.Concat(minor.Take((int)Math.Round(major.Length * 0.01 / 0.99))).ToArray(),
            "small" => Shuffled(rest.RowCount, rng).Take(1000).ToArray(),
            _ => throw new ArgumentException($"unknown scenario {scenario}"),
        };
        Array.Sort(keep);
        return (rest.SelectRows(keep), test);
    }

    private static int[] Shuffled(int n, Random rng)
    {
        var a = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(a);
        return a;
    }

    private static string Stat(IEnumerable<Dictionary<string, object>> rows, string key)
    {
        var v = rows.Select(r => Convert.ToDouble(r[key], CultureInfo.InvariantCulture)).Where(double.IsFinite).ToArray();
        if (v.Length == 0) return "–";
        double mean = v.Average(), sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return $"{mean:F3} ± {sd:F3}";
    }
}
