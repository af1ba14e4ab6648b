using BeyondGan.Audio.Data;

namespace BeyondGan.Audio.Demo;

/// <summary>
/// The demo's sounds, made here with a seed so the demo needs no data: four classes of half-second clips at 8 kHz — a
/// "tone" (a sine of 300–800 Hz under a smooth envelope), a "chirp" (a sweep up by one to two octaves), a "burst" (white
/// noise with an exponential decay) and "beeps" (two short 1–1.5 kHz beeps) — at random loudness and onset.
/// </summary>
public static class DemoSounds
{
    /// <summary>The classes, in label order.</summary>
    public static readonly IReadOnlyList<string> Classes = ["beeps", "burst", "chirp", "tone"];

    /// <summary><paramref name="perClass"/> clips of each class, <paramref name="length"/> samples at <paramref name="sampleRate"/> Hz, drawn from <paramref name="seed"/>.</summary>
    public static AudioFolder Make(int perClass = 100, int sampleRate = 8000, int length = 4096, int seed = 0)
    {
        var rng = new Random(seed);
        var clips = new List<AudioClip>();
        for (int i = 0; i < perClass; i++)
            foreach (var label in Classes)
                clips.Add(new AudioClip($"demo/{label}_{i}.wav", Clip(label, rng, sampleRate, length), sampleRate, label));
        return AudioFolder.FromClips("demo sounds", clips);
    }

    private static float[] Clip(string label, Random rng, int rate, int length)
    {
        var x = new float[length];
        int onset = rng.Next(length / 8);
        int duration = (int)(length * (0.5 + 0.3 * rng.NextDouble()));
        double amplitude = 0.2 + 0.6 * rng.NextDouble();
        double f0 = 300 + 500 * rng.NextDouble(), phase = 0;
        double sweep = Math.Pow(2, 1 + rng.NextDouble());
        double beepHz = 1000 + 500 * rng.NextDouble();
        for (int i = 0; i < duration && onset + i < length; i++)
        {
            double u = i / (double)duration;   // position in the sound, 0 → 1
            double hann = Math.Sin(Math.PI * u) * Math.Sin(Math.PI * u);
            double v = label switch
            {
                "tone" => hann * Math.Sin(2 * Math.PI * f0 * i / rate),
                "chirp" => hann * Math.Sin(phase += 2 * Math.PI * f0 * Math.Pow(sweep, u) / rate),
                "burst" => Math.Exp(-6 * u) * (2 * rng.NextDouble() - 1),
                _ => (u < 0.3 || u is > 0.5 and < 0.8 ? 1 : 0) * Math.Sin(2 * Math.PI * beepHz * i / rate),
            };
            x[onset + i] = (float)(amplitude * v);
        }
        return x;
    }
}
