using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BeyondGan.Evaluation.Fidelity;
using BeyondGan.Evaluation.Rules;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Demo;
using BeyondGan.Tabular.Model;
using BeyondGan.Tabular.Rules;

/// <summary>
/// Training budget and rules against table size: for each table and each minimum number of steps
/// (<see cref="CtganOptions.ForTable"/>; 0 = CTGAN's 300 epochs of batch 500), a model with the rules kept and one
/// without (--no-rules), each scored on a synthetic copy of the table's size (at most 20,000 rows): quality
/// (SDMetrics), the share of rows breaking a rule of the real table (ranges aside) and each rule's, training time.
/// Usage: tabular budget --tables demo:300,penguins,student,adult:3000,titanic=PATH,… [--minimum-steps 0,3000,10000]
///        [--rules both|on|off] [--seed S] [--threads T] [--out FILE.jsonl]
/// A table is demo:N (the embedded generator), penguins, student, adult or adult:N (N random rows), or NAME=PATH.
/// </summary>
internal static class TabularBudget
{
    public static void Run(string[] args)
    {
        var tables = (TabularBench.Arg(args, "--tables") ?? "demo:300,demo:1000,penguins,student").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var budgets = (TabularBench.Arg(args, "--minimum-steps") ?? "0,3000,10000").Split(',').Select(long.Parse).ToArray();
        var rulesModes = (TabularBench.Arg(args, "--rules") ?? "both") switch { "on" => new[] { true }, "off" => [false], _ => [true, false] };
        long seed = long.Parse(TabularBench.Arg(args, "--seed") ?? "0", CultureInfo.InvariantCulture);
        int threads = int.Parse(TabularBench.Arg(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        string? outFile = TabularBench.Arg(args, "--out");
        TorchRuntime.EnsureLoaded();
        TorchRuntime.SetThreads(threads);
        Console.WriteLine("| table | rows | minimum steps | rules | batch | epochs | steps | training s | quality | shapes | pair trends | rows breaking a rule | worst rule |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var spec in tables)
        {
            var (name, table) = Load(spec);
            var schema = SchemaInference.Infer(table);
            var found = RuleDiscovery.Find(table, schema, (int)seed);
            foreach (long minimum in budgets)
                foreach (bool keep in rulesModes)
                {
                    var options = new CtganOptions { Seed = seed }.ForTable(table.RowCount, minimum);
                    var watch = Stopwatch.StartNew();
                    var prepared = CtganSynthesizer.Prepare(table, schema, options, rules: keep ? found : RuleSet.None);
                    using var model = prepared.CreateModel();
                    model.Train(prepared);
                    double seconds = watch.Elapsed.TotalSeconds;
                    int rows = Math.Min(table.RowCount, 20_000);
                    var real = table.RowCount > rows ? table.SelectRows(Enumerable.Range(0, table.RowCount).OrderBy(i => (i * 2654435761L) % 1_000_003).Take(rows).Order().ToArray()) : table;
                    var synthetic = model.Sample(rows, seed: seed + 1);
                    var quality = QualityReport.Compute(real, synthetic, schema);
                    var rules = RulesReport.Compute(table, synthetic, schema, (int)seed);
                    var worst = rules.Rules.Where(r => r.Rule is not ValueRange).OrderByDescending(r => r.Synthetic.BrokenShare).FirstOrDefault();
                    long steps = model.StepsPerEpoch(table.RowCount) * model.Options.Epochs;
                    Console.WriteLine($"| {name} | {table.RowCount:N0} | {minimum:N0} | {(keep ? "kept" : "off")} | {model.Options.BatchSize} | {model.Options.Epochs} | {steps:N0} | {seconds:F1} | " +
                        $"{quality.Quality:F3} | {quality.ColumnShapes:F3} | {quality.ColumnPairTrends:F3} | {rules.SyntheticRowsBreakingAnyButRanges:P1} | " +
                        $"{(worst is null ? "–" : $"{worst.Rule.Describe()}: {worst.Synthetic.BrokenShare:P1}")} |");
                    if (outFile is null) continue;
                    var line = new Dictionary<string, object?>
                    {
                        ["table"] = name, ["rows"] = table.RowCount, ["minimum_steps"] = minimum, ["rules"] = keep, ["seed"] = seed,
                        ["batch"] = model.Options.BatchSize, ["epochs"] = model.Options.Epochs, ["steps"] = steps, ["training_seconds"] = seconds,
                        ["quality"] = quality.Quality, ["column_shapes"] = quality.ColumnShapes, ["column_pair_trends"] = quality.ColumnPairTrends,
                        ["rows_breaking_rules"] = rules.SyntheticRowsBreakingAnyButRanges, ["rows_breaking_any_rule"] = rules.SyntheticRowsBreakingAny,
                        ["rule_breaks"] = rules.Rules.ToDictionary(r => r.Rule.Describe(), r => r.Synthetic.BrokenShare),
                    };
                    File.AppendAllText(outFile, JsonSerializer.Serialize(line) + "\n");
                }
        }
    }

    private static (string Name, RawTable Table) Load(string spec)
    {
        if (spec.StartsWith("demo:", StringComparison.Ordinal)) return (spec, DemoTable.Generate(int.Parse(spec[5..], CultureInfo.InvariantCulture)));
        if (spec.Contains('='))
        {
            var parts = spec.Split('=', 2);
            return (parts[0], TableReader.Read(parts[1]));
        }
        var (file, rows) = spec.Split(':') switch { [var f] => (f, 0), [var f, var n] => (f, int.Parse(n, CultureInfo.InvariantCulture)), _ => throw new ArgumentException(spec) };
        string path = TabularBench.FindDataset(file switch
        {
            "penguins" => "tabular/penguins.csv",
            "student" => "tabular/student_placements.csv",
            "adult" => "tabular/adult.csv",
            _ => throw new ArgumentException($"unknown table '{spec}': demo:N, penguins, student, adult[:N] or NAME=PATH"),
        });
        var table = TableReader.Read(path);
        if (rows > 0 && rows < table.RowCount)
        {
            var pick = Enumerable.Range(0, table.RowCount).ToArray();
            new Random(42).Shuffle(pick);
            table = table.SelectRows(pick[..rows].Order().ToArray());
        }
        return (spec, table);
    }
}
