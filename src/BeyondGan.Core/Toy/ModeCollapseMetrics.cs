namespace BeyondGan.Toy;

/// <summary>
/// Mode-collapse metrics of PacGAN (Lin et al. 2018, §5.1) on generated 2-D samples: a sample is high-quality if
/// it lies within 3 standard deviations of its nearest mode; a mode is captured if at least one high-quality sample
/// is nearest to it; reverse KL is KL(p̂ ‖ uniform) of the histogram of high-quality samples over the modes.
/// </summary>
/// <param name="ModesCaptured">Modes with at least one high-quality sample.</param>
/// <param name="ModeCount">Number of modes K.</param>
/// <param name="HighQualityFraction">Share of samples within 3σ of their nearest mode (0–1).</param>
/// <param name="ReverseKl">KL(generated mode histogram ‖ uniform) in nats; 0 is ideal, log K is total collapse.</param>
/// <param name="CountsPerMode">High-quality samples per mode.</param>
public sealed record ModeCollapseMetrics(int ModesCaptured, int ModeCount, double HighQualityFraction, double ReverseKl, int[] CountsPerMode)
{
    /// <summary>Computes the metrics for <paramref name="samples"/> (N × 2) against <paramref name="mixture"/>.</summary>
    public static ModeCollapseMetrics Compute(float[,] samples, GaussianMixture2D mixture)
    {
        int n = samples.GetLength(0), k = mixture.ModeCount;
        var counts = new int[k];
        int hq = 0;
        double limit = 3 * mixture.Std;
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            double bestD = double.MaxValue;
            for (int m = 0; m < k; m++)
            {
                double dx = samples[i, 0] - mixture.Modes[m, 0], dy = samples[i, 1] - mixture.Modes[m, 1];
                double d = dx * dx + dy * dy;
                if (d < bestD) { bestD = d; best = m; }
            }
            if (Math.Sqrt(bestD) <= limit) { hq++; counts[best]++; }
        }
        double kl = 0;
        if (hq > 0)
            foreach (int c in counts)
                if (c > 0) { double p = (double)c / hq; kl += p * Math.Log(p * k); }
        return new ModeCollapseMetrics(counts.Count(c => c > 0), k, n == 0 ? 0 : (double)hq / n, hq == 0 ? double.NaN : kl, counts);
    }
}
