using System.Globalization;
using System.Text.Json;
using BeyondGan.Evaluation.Detection;
using BeyondGan.Evaluation.Report;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Demo;

namespace BeyondGan.Evaluation.Tests;

public class EvaluationTests
{
    private static RawTable Noise(RawTable like, int seed)
    {
        var rng = new Random(seed);
        var cells = like.Columns.Select(_ => new string?[like.RowCount]).ToArray();
        for (int r = 0; r < like.RowCount; r++)
            for (int c = 0; c < cells.Length; c++)
                cells[c][r] = (rng.NextDouble() * 1000).ToString("F1", CultureInfo.InvariantCulture);
        return new RawTable("noise", like.Columns, cells);
    }

    [Fact]
    public void Detection_is_near_chance_for_the_same_distribution_and_near_one_for_noise()
    {
        var real = DemoTable.Generate(1500, seed: 1);
        var schema = SchemaInference.Infer(real);
        var same = DetectionReport.Compute(real, DemoTable.Generate(1500, seed: 2), schema);
        Assert.InRange(same.Auc, 0.4, 0.6);
        Assert.Equal(5, same.FoldAucs.Count);
        Assert.Equal(same.Auc, DetectionReport.Compute(real, DemoTable.Generate(1500, seed: 2), schema).Auc); // deterministic
        var noise = DetectionReport.Compute(real, Noise(real, 3), schema);
        Assert.True(noise.Auc > 0.95, $"noise AUC {noise.Auc:F3}");
    }

    [Fact]
    public void A_table_evaluated_against_itself_gets_the_ideal_scores()
    {
        var real = DemoTable.Generate(1200, seed: 1);
        var holdout = DemoTable.Generate(600, seed: 2);
        var schema = SchemaInference.Infer(real);
        var r = TableEvaluation.Evaluate(real, real, holdout, schema, new EvaluationOptions { Target = "churned" });
        Assert.Equal(1.0, r.Quality.Quality, 12);
        Assert.Equal(1.0, r.Validity.ValidRows);
        Assert.InRange(r.Detection!.Auc, 0.4, 0.6);
        Assert.Equal(1.0, r.Privacy!.ExactCopies);
        var lgb = r.Utility!.Models[0];
        Assert.Equal(lgb.Trtr, lgb.Tstr); // training on the same rows gives the same model
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void A_holdout_that_overlaps_the_real_table_is_warned_about()
    {
        var real = DemoTable.Generate(600, seed: 1);
        var schema = SchemaInference.Infer(real);
        var r = TableEvaluation.Evaluate(real, DemoTable.Generate(600, seed: 3), real, schema, new EvaluationOptions { Detection = false, Privacy = false });
        Assert.Contains(r.Warnings, w => w.StartsWith("100% of the holdout rows are also in the real table"));
    }

    [Fact]
    public void Json_has_the_documented_keys_and_is_the_same_for_the_same_inputs()
    {
        var real = DemoTable.Generate(800, seed: 1);
        var synthetic = DemoTable.Generate(800, seed: 3);
        var holdout = DemoTable.Generate(400, seed: 2);
        var schema = SchemaInference.Infer(real);
        var options = new EvaluationOptions { Target = "churned", PrivacyRows = 300 };
        var json = MetricsJson.Write(TableEvaluation.Evaluate(real, synthetic, holdout, schema, options));
        Assert.Equal(json, MetricsJson.Write(TableEvaluation.Evaluate(real, synthetic, holdout, schema, options)));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        foreach (var key in new[] { "quality", "column_shapes", "column_pair_trends", "tstr_f1", "trtr_f1", "detection_auc", "dcr_synthetic_median", "exact_copies" })
            Assert.Equal(JsonValueKind.Number, root.GetProperty(key).ValueKind);
        Assert.InRange(root.GetProperty("quality").GetDouble(), 0.8, 1.0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("tstr_r2").ValueKind); // not a regression
        Assert.Equal("binary", root.GetProperty("utility").GetProperty("task").GetString());
        Assert.Equal(schema.Columns.Count(c => c.IsNumeric || c.IsDiscrete), root.GetProperty("columns").GetArrayLength());

        // Without a holdout or target, the utility keys stay, as null.
        var bare = JsonDocument.Parse(MetricsJson.Write(TableEvaluation.Evaluate(real, synthetic, null, schema, new EvaluationOptions { Detection = false }))).RootElement;
        Assert.Equal(JsonValueKind.Null, bare.GetProperty("tstr_f1").ValueKind);
        Assert.Equal(JsonValueKind.Null, bare.GetProperty("detection_auc").ValueKind);
        Assert.Equal(JsonValueKind.Null, bare.GetProperty("dcr_holdout_median").ValueKind);
        Assert.Equal(JsonValueKind.Number, bare.GetProperty("dcr_synthetic_median").ValueKind);
    }

    [Fact]
    public void Html_report_is_self_contained_and_deterministic()
    {
        var real = DemoTable.Generate(600, seed: 1);
        var synthetic = DemoTable.Generate(600, seed: 3);
        var holdout = DemoTable.Generate(300, seed: 2);
        var schema = SchemaInference.Infer(real);
        var result = TableEvaluation.Evaluate(real, synthetic, holdout, schema, new EvaluationOptions { Target = "churned", PrivacyRows = 200 });
        var history = new BeyondGan.Training.MetricsHistory();
        for (int e = 1; e <= 5; e++) { history.Record(e, "critic_loss", 1.0 / e); history.Record(e, "generator_loss", -0.5 * e); }
        var sources = new ReportSources("real.csv", "synthetic.csv", "holdout.csv", "model.bgan");
        var html = HtmlReport.Build(result, real, synthetic, schema, sources, history);
        Assert.Equal(html, HtmlReport.Build(result, real, synthetic, schema, sources, history));
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
        int images = html.Split("src=\"data:image/png;base64,").Length - 1;
        int columns = result.Quality.Shapes.Count;
        Assert.Equal(columns + 3, images); // one per column + pair heat map + distances + training curves
        foreach (var section in new[] { "Validity", "Columns", "Column pairs", "Utility", "Detection", "Privacy", "Training" })
            Assert.Contains($"<h2>{section}</h2>", html);
        Assert.Contains("monthly_spend", html);
    }
}
