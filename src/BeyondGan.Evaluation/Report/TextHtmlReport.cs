using System.Globalization;
using System.Net;
using System.Text;
using BeyondGan.Text.Evaluation;
using BeyondGan.Text.Tokenization;
using ScottPlot;

namespace BeyondGan.Evaluation.Report;

/// <summary>
/// The text report (<c>text evaluate --report</c>): one self-contained HTML page in the other reports' style — headline
/// scores, the quality–diversity plane (BLEU-5 against Self-BLEU-5) with the published models and, when a model was
/// swept over temperatures, its curve; sentence lengths, the most frequent bigrams of each side, sample sentences,
/// and the published COCO rows. Charts are embedded PNGs; same inputs, same bytes.
/// </summary>
public static class TextHtmlReport
{
    /// <summary>The page's HTML text for real and generated sentences (tokenized) scored as <paramref name="result"/>.</summary>
    public static string Build(TextEvaluationResult result, IReadOnlyList<IReadOnlyList<string>> real, IReadOnlyList<IReadOnlyList<string>> synthetic, ReportSources sources)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append($"<title>Generated text report: {E(sources.Synthetic)}</title><style>{HtmlReport.Css}</style></head><body>\n");
        html.Append("<h1>Generated text report</h1>\n<p class=\"meta\">");
        html.Append($"Real <b>{E(sources.Real)}</b>: {result.RealSentences:N0} sentences · generated <b>{E(sources.Synthetic)}</b>: {result.SyntheticSentences:N0} · ");
        html.Append("tokens as NLTK's word_tokenize splits lower-cased text; BLEU against every real sentence, NLTK's smoothing method 1</p>\n");

        html.Append("<div class=\"cards\">");
        HtmlReport.Card(html, "BLEU-2 / 5", $"{F(result.Bleu["bleu2"])} / {F(result.Bleu["bleu5"])}", HtmlReport.Grade(result.Bleu["bleu5"], 0.25, 0.15),
            "n-gram precision against the real sentences (quality). COCO MLE .731 / .189, RelGAN .849 / .331.");
        if (result.SelfBleu is { } self)
            HtmlReport.Card(html, "Self-BLEU-2 / 5", $"{F(self["self_bleu2"])} / {F(self["self_bleu5"])}", HtmlReport.Grade(1 - self["self_bleu5"], 0.6, 0.45),
                $"Each generated sentence against the other {result.SelfBleuSentences - 1:N0} (exact leave-one-out); higher = less diverse.");
        HtmlReport.Card(html, "Distinct-2 / 4", $"{F(result.Distinct["distinct2"])} / {F(result.Distinct["distinct4"])} <small>real {F(result.RealDistinct["distinct2"])} / {F(result.RealDistinct["distinct4"])}</small>",
            HtmlReport.Grade(result.Distinct["distinct4"] / Math.Max(result.RealDistinct["distinct4"], 1e-9), 0.85, 0.6), "Distinct n-grams over all n-grams.");
        HtmlReport.Card(html, "Bigram JSD", F(result.NGramJsd["jsd2"]), HtmlReport.Grade(1 - result.NGramJsd["jsd2"], 0.6, 0.4), "Jensen–Shannon divergence of the bigram frequencies; 0 = same.");
        if (result.EmbeddingDistance is { } fed)
            HtmlReport.Card(html, "Embedding FD", $"{F(fed.Distance)} <small>floor {F(fed.Floor)}</small>", HtmlReport.Grade(fed.Floor / Math.Max(fed.Distance, 1e-9), 0.5, 0.2),
                $"Fréchet distance of MiniLM sentence embeddings, {fed.Sentences:N0} generated against {fed.Sentences:N0} real; the floor is real against real.");
        if (result.Copied is double c) HtmlReport.Card(html, "Copied", Pct(c), HtmlReport.Grade(1 - c, 0.95, 0.8), "Generated sentences identical to a training sentence (memorisation).");
        html.Append("</div>\n<p class=\"legend\"><span class=\"good\">■</span> good <span class=\"fair\">■</span> fair <span class=\"poor\">■</span> poor — rough guides, not guarantees.</p>\n");

        if (result.SelfBleu is { } sb)
        {
            html.Append("<h2>Quality and diversity</h2>\n<p>BLEU-5 (up: closer to real text) against Self-BLEU-5 (left: more diverse), as Caccia et al. (ICLR 2020) compare models: ");
            html.Append("a model is better only if it lies above and to the left of another's temperature curve. The published points are Texygen's COCO samples (9,984 sentences each) scored by this code; Self-BLEU grows with the number of sentences, so compare curves drawn at that size.</p>\n");
            HtmlReport.Image(html, Plane(result.Bleu["bleu5"], sb["self_bleu5"], result.Curve), "BLEU-5 against Self-BLEU-5");
            if (result.Curve is { Count: > 0 } curve)
            {
                html.Append("<table><tr><th>temperature</th><th>BLEU-5</th><th>Self-BLEU-5</th><th>sentences</th></tr>\n");
                foreach (var p in curve) html.Append($"<tr><td>{p.Temperature.ToString("0.##", CultureInfo.InvariantCulture)}</td><td>{F(p.Bleu5)}</td><td>{F(p.SelfBleu5)}</td><td>{p.Sentences:N0}</td></tr>\n");
                html.Append("</table>\n");
            }
        }

        html.Append("<h2>Sentence lengths</h2>\n");
        HtmlReport.Image(html, Lengths(real, synthetic), "sentence lengths");
        html.Append($"<p class=\"meta\">Mean tokens: real {result.RealMeanLength:F1}, generated {result.MeanLength:F1}.</p>\n");

        html.Append("<h2>Most frequent bigrams</h2>\n<table><tr><th>real</th><th>share</th><th>generated</th><th>share</th></tr>\n");
        var topReal = TopBigrams(real);
        var topSynthetic = TopBigrams(synthetic);
        for (int i = 0; i < Math.Max(topReal.Count, topSynthetic.Count); i++)
        {
            string Cell(List<(string Gram, double Share)> l) => i < l.Count ? $"<td>{E(l[i].Gram)}</td><td>{Pct(l[i].Share, 2)}</td>" : "<td></td><td></td>";
            html.Append($"<tr>{Cell(topReal)}{Cell(topSynthetic)}</tr>\n");
        }
        html.Append("</table>\n");

        html.Append("<h2>Sample sentences</h2>\n<div class=\"grid\"><div><h3>real</h3><ol>");
        foreach (var s in real.Take(15)) html.Append($"<li>{E(Detokenizer.Join(s))}</li>");
        html.Append("</ol></div><div><h3>generated</h3><ol>");
        foreach (var s in synthetic.Take(15)) html.Append($"<li>{E(Detokenizer.Join(s))}</li>");
        html.Append("</ol></div></div>\n");

        html.Append("<h2>Published rows (Image COCO, REFERENCES §4)</h2>\n<table><tr><th>model</th><th>BLEU-2</th><th>BLEU-3</th><th>BLEU-4</th><th>BLEU-5</th><th>source</th></tr>\n");
        foreach (var (model, b, source) in Published)
            html.Append($"<tr><td>{E(model)}</td><td>{b[0]}</td><td>{b[1]}</td><td>{b[2]}</td><td>{b[3]}</td><td>{E(source)}</td></tr>\n");
        html.Append("</table>\n<p class=\"meta\">The rows are for COCO captions against test_coco.txt; on other text compare with a language model's temperature curve instead.</p>\n</body></html>\n");
        return html.ToString();
    }

    private static readonly (string, string[], string)[] Published =
    [
        ("MLE", [".731", ".497", ".305", ".189"], "RelGAN Table 2 (= Texygen)"),
        ("SeqGAN", [".745", ".498", ".294", ".180"], "RelGAN Table 2"),
        ("LeakGAN", [".746", ".528", ".355", ".230"], "RelGAN Table 2"),
        ("RelGAN (β_max 100)", [".849", ".687", ".502", ".331"], "RelGAN Table 2, 6 seeds"),
    ];

    // Texygen's COCO samples scored by this code (BENCHMARKS: text): BLEU-5 and Self-BLEU-5.
    private static readonly (string Name, double Bleu5, double SelfBleu5)[] PublishedPoints =
        [("Texygen MLE", 0.189, 0.409), ("SeqGAN", 0.180, 0.490), ("RankGAN", 0.156, 0.619), ("LeakGAN", 0.230, 0.780), ("MaliGAN", 0.159, 0.437)];

    private static byte[] Plane(double bleu5, double selfBleu5, IReadOnlyList<QualityDiversityPoint>? curve)
    {
        var plot = new Plot();
        foreach (var (name, b, s) in PublishedPoints)
        {
            var m = plot.Add.Marker(s, b, MarkerShape.OpenCircle, 8, Colors.Gray);
            var t = plot.Add.Text(name, s, b);
            t.LabelFontSize = 11;
            t.LabelFontColor = Colors.Gray;
            _ = m;
        }
        if (curve is { Count: > 0 })
        {
            var line = plot.Add.Scatter(curve.Select(p => p.SelfBleu5).ToArray(), curve.Select(p => p.Bleu5).ToArray(), ChartStyle.Real);
            line.LegendText = "model over temperatures";
            foreach (var p in curve) { var t = plot.Add.Text($"T={p.Temperature.ToString("0.##", CultureInfo.InvariantCulture)}", p.SelfBleu5, p.Bleu5); t.LabelFontSize = 10; }
        }
        var here = plot.Add.Marker(selfBleu5, bleu5, MarkerShape.FilledCircle, 10, ChartStyle.Synthetic);
        here.LegendText = "these samples";
        plot.XLabel("Self-BLEU-5 (lower = more diverse)");
        plot.YLabel("BLEU-5 (quality)");
        plot.Axes.Margins(0.15, 0.15);
        plot.ShowLegend(Alignment.LowerRight);
        return ChartStyle.Png(plot, 720, 480);
    }

    private static byte[] Lengths(IReadOnlyList<IReadOnlyList<string>> real, IReadOnlyList<IReadOnlyList<string>> synthetic)
    {
        int max = Math.Max(real.Max(s => s.Count), synthetic.Max(s => s.Count));
        double[] Share(IReadOnlyList<IReadOnlyList<string>> c) { var h = new double[max + 1]; foreach (var s in c) h[s.Count]++; return h.Select(v => v / c.Count).ToArray(); }
        var plot = new Plot();
        var xs = Enumerable.Range(0, max + 1).Select(i => (double)i).ToArray();
        var r = plot.Add.Scatter(xs, Share(real), ChartStyle.Real);
        r.LegendText = "real";
        var g = plot.Add.Scatter(xs, Share(synthetic), ChartStyle.Synthetic);
        g.LegendText = "generated";
        plot.XLabel("tokens");
        plot.YLabel("share of sentences");
        plot.ShowLegend();
        return ChartStyle.Png(plot);
    }

    private static List<(string Gram, double Share)> TopBigrams(IReadOnlyList<IReadOnlyList<string>> sentences, int count = 15)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        long total = 0;
        foreach (var s in sentences)
            for (int i = 0; i + 1 < s.Count; i++, total++) { string k = s[i] + " " + s[i + 1]; counts[k] = counts.GetValueOrDefault(k) + 1; }
        return counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count).Select(p => (p.Key, p.Value / (double)Math.Max(total, 1))).ToList();
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F3", CultureInfo.InvariantCulture) : "–";

    private static string Pct(double v, int decimals = 1) => double.IsFinite(v) ? (v * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%" : "–";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
