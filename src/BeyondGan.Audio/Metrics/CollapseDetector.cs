namespace BeyondGan.Audio.Metrics;

/// <summary>
/// The failures users of WaveGAN ports report (REFERENCES §5), checked on generated clips and said as warnings: near-silent
/// clips (RMS below −50 dBFS), near-copies of each other (log-mel nearest-neighbour distance under a tenth of the real
/// clips' median), and a single repeated tone (most clips' strongest frequency the same and dominating their spectrum).
/// (The evaluation adds a fourth from its classifier: most clips heard as one label.)
/// </summary>
public static class CollapseDetector
{
    /// <summary>One warning per failure found (empty: none).</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<float[]> clips, int sampleRate, float[] withinDistances, float[] realWithinDistances)
    {
        var warnings = new List<string>();
        int silent = clips.Count(c => Rms(c) < Math.Pow(10, -50 / 20.0));
        if (silent > 0.05 * clips.Count) warnings.Add($"silence: {silent:N0} of {clips.Count:N0} clips are near-silent (RMS below −50 dBFS).");
        double realMedian = NearestNeighbours.Median(realWithinDistances);   // NaN (no real clips): no near-copy warning
        int copies = withinDistances.Count(d => d < 0.1 * realMedian);
        if (copies > 0.05 * clips.Count)
            warnings.Add($"near-copies: {copies:N0} of {clips.Count:N0} clips have a near-duplicate among the samples (log-mel distance under a tenth of the real clips' median {realMedian:F1}).");
        var peaks = clips.Where(c => Rms(c) >= Math.Pow(10, -50 / 20.0)).Select(c => Peak(c, sampleRate)).ToList();
        if (peaks.Count > 0)
        {
            var top = peaks.Where(p => p.Share > 0.5).GroupBy(p => p.Bin).OrderByDescending(g => g.Count()).FirstOrDefault();
            if (top is not null && top.Count() > 0.5 * peaks.Count)
                warnings.Add($"one tone: {top.Count():N0} of {clips.Count:N0} clips are dominated by the same frequency (≈ {top.Key * sampleRate / 256.0:F0} Hz holds over half their energy).");
        }
        return warnings;
    }

    private static double Rms(float[] x) => Math.Sqrt(x.Sum(v => v * (double)v) / x.Length);

    /// <summary>The strongest of 128 frequency bins (a 256-point DFT averaged over frames) and its share of the clip's energy (±1 bin).</summary>
    private static (int Bin, double Share) Peak(float[] x, int sampleRate)
    {
        const int n = 256;
        var power = new double[n / 2 + 1];
        for (int start = 0; start + n <= x.Length; start += n)
        {
            var frame = new System.Numerics.Complex[n];
            for (int i = 0; i < n; i++) frame[i] = x[start + i] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / n));
            MathNet.Numerics.IntegralTransforms.Fourier.Forward(frame, MathNet.Numerics.IntegralTransforms.FourierOptions.Matlab);
            for (int k = 0; k <= n / 2; k++) power[k] += frame[k].Magnitude * frame[k].Magnitude;
        }
        int best = 1;
        for (int k = 1; k <= n / 2; k++) if (power[k] > power[best]) best = k;
        double total = power.Sum();
        double near = power[best] + power[best - 1] + (best < n / 2 ? power[best + 1] : 0);
        return (best, total > 0 ? near / total : 0);
    }
}
