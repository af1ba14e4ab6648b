using System.Globalization;
using System.Net;
using System.Text;
using BeyondGan.Audio.Data;
using BeyondGan.Audio.Evaluation;
using BeyondGan.Audio.Features;
using ScottPlot;
using static TorchSharp.torch;

namespace BeyondGan.Evaluation.Report;

/// <summary>
/// The audio report (<c>audio evaluate --report</c>): one self-contained HTML page — headline scores against the real test
/// clips' ceiling and floor, warnings, the scores beside the published SC09 rows, and, per label, real and generated clips
/// to listen to (WAV embedded as data, no network) with their log-mel spectrograms. Same inputs, same bytes.
/// </summary>
public static class AudioHtmlReport
{
    /// <summary>Clips per label and side the page plays.</summary>
    public const int ClipsPerLabel = 3;

    /// <summary>The page's HTML text: <paramref name="real"/> and <paramref name="synthetic"/> are (label, samples at the result's rate) as read.</summary>
    public static string Build(AudioEvaluationResult result, IReadOnlyList<(string? Label, float[] Samples)> real, IReadOnlyList<(string? Label, float[] Samples)> synthetic, ReportSources sources)
    {
        var s = result.Synthetic;
        var t = result.RealTest;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append($"<title>Generated audio report: {E(sources.Synthetic)}</title><style>{HtmlReport.Css}.clip{{display:inline-block;margin:4px;text-align:center;font-size:.8em;color:#555}}.clip audio{{width:240px;display:block}}</style></head><body>\n");
        html.Append("<h1>Generated audio report</h1>\n<p class=\"meta\">");
        html.Append($"Real test clips <b>{E(sources.Real)}</b>: {t.Clips:N0} · generated <b>{E(sources.Synthetic)}</b>: {s.Clips:N0} · classifier trained on {result.TrainClips:N0} real clips ({E(result.TrainSource)}), ");
        html.Append($"test accuracy {Pct(result.ClassifierAccuracy)} · compared at {result.SampleRate:N0} Hz, {result.Length:N0} samples</p>\n");

        if (result.Warnings.Count > 0)
            foreach (var w in result.Warnings) html.Append($"<p class=\"warning\">⚠ {E(w)}</p>\n");

        html.Append("<div class=\"cards\">");
        if (s.LabelAccuracy is double acc)
            HtmlReport.Card(html, "Label accuracy", $"{Pct(acc)} <small>real {Pct(t.LabelAccuracy ?? double.NaN)}</small>", HtmlReport.Grade(acc, 0.92, 0.7),
                "Generated clips the classifier hears as the label they were generated for. Conditional DiffWave on SC09: 91.2 %.");
        HtmlReport.Card(html, "Inception score", $"{F(s.InceptionScore, 2)} <small>real {F(t.InceptionScore, 2)}</small>", HtmlReport.Grade(s.InceptionScore / t.InceptionScore, 0.8, 0.5),
            $"Confident and varied labels (at most {result.Labels.Count}). Ratio to real data on SC09: WaveGAN ≈ .53, DiffWave ≈ .63.");
        HtmlReport.Card(html, "FD on classifier features", $"{F(s.FrechetDistance, 2)} <small>floor {F(t.FrechetDistance, 2)}</small>", HtmlReport.Grade(t.FrechetDistance / Math.Max(s.FrechetDistance, 1e-9), 1 / 3.0, 0.1),
            "Fréchet distance of the classifier's penultimate features to the training clips'; the floor is the real test clips'. Not FAD (no VGGish).");
        HtmlReport.Card(html, "NDB/K", $"{F(s.NdbK, 2)} <small>real {F(t.NdbK, 2)}</small>", HtmlReport.Grade(1 - s.NdbK, 0.7, 0.4),
            "Share of 50 k-means bins of the training features whose share of generated clips differs significantly.");
        HtmlReport.Card(html, "Nearest training clip", $"{F(s.MedianDistanceToTrain, 1)} <small>real {F(t.MedianDistanceToTrain, 1)}</small>", HtmlReport.Grade(s.MedianDistanceToTrain / Math.Max(t.MedianDistanceToTrain, 1e-9), 0.7, 0.4),
            "Median log-mel distance to the closest training clip; far below the real clips' means copies (memorisation).");
        html.Append("</div>\n<p class=\"legend\"><span class=\"good\">■</span> good <span class=\"fair\">■</span> fair <span class=\"poor\">■</span> poor — rough guides, not guarantees.</p>\n");

        html.Append("<h2>Scores</h2>\n<table><tr><th></th><th>clips</th><th>label acc.</th><th>IS ↑</th><th>mIS ↑</th><th>AM ↓</th><th>FD ↓</th><th>KID ↓</th><th>NDB/K ↓</th><th>to train</th><th>within</th></tr>\n");
        Row(html, "generated", s);
        Row(html, "real test (ceiling / floor)", t);
        html.Append("</table>\n<p class=\"meta\">Published SC09 rows (16 kHz, each paper's own classifier; not comparable number for number, only as ratios to their real data): ");
        html.Append("WaveGAN IS 4.53, mIS 36.6, AM .796, NDB/K .78, FID 1.35; DiffWave IS 5.30, mIS 59.4, AM .636; test set IS 8.47, AM .166, FID .011 (DiffWave Table 2). ");
        html.Append("Conditional DiffWave: label accuracy 91.2 %, IS 6.63.</p>\n");
        if (result.PerLabelAccuracy is { } perLabel)
        {
            html.Append("<table><tr><th>label</th>");
            foreach (var l in perLabel.Keys) html.Append($"<th>{E(l)}</th>");
            html.Append("</tr><tr><td>accuracy</td>");
            foreach (var v in perLabel.Values) html.Append($"<td>{Pct(v, 0)}</td>");
            html.Append("</tr></table>\n");
        }

        html.Append("<h2>Listen</h2>\n<p class=\"meta\">The first clips of each label, real (test) and generated, as 16-bit WAV; under each, its log-mel spectrogram (time across, 0 Hz at the bottom).</p>\n");
        using var logMel = new LogMelSpectrogram(result.SampleRate);
        var labels = synthetic.Any(c => c.Label is not null) ? result.Labels.Cast<string?>().ToList() : [null];
        foreach (var label in labels)
        {
            html.Append($"<h3>{E(label ?? "all clips")}</h3>\n<div>");
            foreach (var (side, clips) in new[] { ("real", real), ("generated", synthetic) })
                foreach (var clip in clips.Where(c => label is null || c.Label == label).Take(ClipsPerLabel))
                    Clip(html, side, clip.Samples, result.SampleRate, logMel);
            html.Append("</div>\n");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string name, ClipSetScores x) =>
        html.Append($"<tr><td>{name}</td><td>{x.Clips:N0}</td><td>{(x.LabelAccuracy is double a ? Pct(a) : "–")}</td><td>{F(x.InceptionScore, 2)}</td><td>{F(x.ModifiedInceptionScore, 1)}</td>" +
                    $"<td>{F(x.AmScore, 3)}</td><td>{F(x.FrechetDistance, 2)}</td><td>{F(x.Kid, 3)} ± {F(x.KidStd, 3)}</td><td>{F(x.NdbK, 2)}</td><td>{F(x.MedianDistanceToTrain, 1)}</td><td>{F(x.MedianDistanceWithin, 1)}</td></tr>\n");

    private static void Clip(StringBuilder html, string side, float[] samples, int rate, LogMelSpectrogram logMel)
    {
        var wav = Convert.ToBase64String(WavFile.Encode(samples, rate));
        html.Append($"<span class=\"clip\">{side}<audio controls preload=\"none\" src=\"data:audio/wav;base64,{wav}\"></audio>");
        HtmlReport.Image(html, Spectrogram(samples, logMel), $"{side} spectrogram");
        html.Append("</span>");
    }

    private static byte[] Spectrogram(float[] samples, LogMelSpectrogram logMel)
    {
        using var scope = NewDisposeScope();
        var mel = logMel.Compute(tensor(samples).unsqueeze(0))[0];
        int bands = (int)mel.shape[0], frames = (int)mel.shape[1];
        var values = mel.data<float>().ToArray();
        var grid = new double[bands, frames];
        for (int b = 0; b < bands; b++)
            for (int f = 0; f < frames; f++) grid[bands - 1 - b, f] = values[b * frames + f];
        var plot = new Plot();
        var map = plot.Add.Heatmap(grid);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Axes.Margins(0, 0);
        plot.HideGrid();
        plot.Layout.Frameless();
        return ChartStyle.Png(plot, 240, 100);
    }

    private static string F(double v, int decimals) => double.IsFinite(v) ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : "–";

    private static string Pct(double v, int decimals = 1) => double.IsFinite(v) ? (v * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + " %" : "–";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
