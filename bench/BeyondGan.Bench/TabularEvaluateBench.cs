using System.Diagnostics;
using BeyondGan.Evaluation;
using BeyondGan.Evaluation.Report;
using BeyondGan.IO;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;

/// <summary>
/// Evaluation on Adult (issue 4): the 70/30 split of the tabular bench, a synthetic table sampled from a trained model
/// (as many rows as the training split, seed 2 as in `tabular adult`), every metric with timings. Also writes the
/// three CSVs so the same evaluation can be timed through the CLI.
/// Usage: tabular evaluate --model FILE.bgan [--stratify COLUMN] [--data PATH] [--out-dir DIR] [--report FILE.html] [--json FILE.json]
/// </summary>
internal static class TabularEvaluateBench
{
    public static void Run(string[] args)
    {
        string data = TabularBench.Arg(args, "--data") ?? TabularBench.FindDataset("tabular/adult.csv");
        string model = TabularBench.Arg(args, "--model") ?? throw new ArgumentException("--model FILE.bgan is required (train one with `tabular adult --model FILE`).");
        string? outDir = TabularBench.Arg(args, "--out-dir");
        var table = TableReader.Read(data);
        var (train, test) = TabularBench.Split(table, 0.7, 42);
        TorchRuntime.EnsureLoaded();
        TorchRuntime.SetThreads(2);
        RawTable synthetic;
        using (var m = TabularModelFile.Load(model)) synthetic = m.Sample(train.RowCount, seed: 2, stratify: TabularBench.Arg(args, "--stratify"));
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            CsvTableWriter.Write(Path.Combine(outDir, "adult-train.csv"), train);
            CsvTableWriter.Write(Path.Combine(outDir, "adult-test.csv"), test);
            CsvTableWriter.Write(Path.Combine(outDir, "adult-synthetic.csv"), synthetic);
            Console.WriteLine($"wrote adult-train.csv, adult-test.csv, adult-synthetic.csv to {outDir}");
        }
        var schema = SchemaInference.Infer(train);
        var watch = Stopwatch.StartNew();
        var result = TableEvaluation.Evaluate(train, synthetic, test, schema, new EvaluationOptions { Target = "income", Positive = ">50K" },
            new Progress<string>(stage => Console.WriteLine($"  {stage}…")));
        Console.WriteLine($"evaluation: {watch.Elapsed.TotalSeconds:F1} s ({string.Join(", ", result.Seconds.Select(kv => $"{kv.Key} {kv.Value:F1} s"))})");
        var json = MetricsJson.Write(result);
        Console.WriteLine(json[..json.IndexOf("\"columns\"", StringComparison.Ordinal)]);
        if (TabularBench.Arg(args, "--json") is string j) AtomicFile.WriteAllText(j, json);
        if (TabularBench.Arg(args, "--report") is string r)
        {
            watch.Restart();
            AtomicFile.WriteAllText(r, HtmlReport.Build(result, train, synthetic, schema, new ReportSources("adult train 70%", "synthetic", "adult test 30%", Path.GetFileName(model)),
                TabularModelFile.ReadSummary(model).History));
            Console.WriteLine($"report: {watch.Elapsed.TotalSeconds:F1} s");
        }
    }
}
