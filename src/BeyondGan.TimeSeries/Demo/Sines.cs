namespace BeyondGan.TimeSeries.Demo;

/// <summary>
/// The TimeGAN benchmark's sines (as its released code makes them; REFERENCES §3): each sample has 5 features of 24
/// steps, feature k of a sample x_k(t) = (sin(f_k·t + φ_k) + 1) / 2 with f_k, φ_k ~ U(0, 0.1) drawn per sample and feature.
/// </summary>
public static class Sines
{
    /// <summary>[count, length, features] values in [0, 1], row-major, from <paramref name="seed"/>.</summary>
    public static float[] Generate(int count = 10_000, int length = 24, int features = 5, int seed = 0)
    {
        var rng = new Random(seed);
        var values = new float[(long)count * length * features];
        for (int i = 0; i < count; i++)
            for (int k = 0; k < features; k++)
            {
                double f = rng.NextDouble() * 0.1, phase = rng.NextDouble() * 0.1;
                for (int t = 0; t < length; t++) values[((long)i * length + t) * features + k] = (float)((Math.Sin(f * t + phase) + 1) / 2);
            }
        return values;
    }
}
