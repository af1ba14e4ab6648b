using NWaves.Operations;
using NWaves.Signals;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Data;

/// <summary>
/// How clips are made ready for a model: resampled to <see cref="SampleRate"/> (NWaves' band-limited resampler, which
/// low-passes before decimating), leading and trailing silence trimmed, loudness normalised, then padded with silence at the
/// end or cropped to <see cref="Length"/> samples (keeping the loudest window).
/// </summary>
public sealed record ClipPreparation
{
    /// <summary>The model's sample rate in Hz.</summary>
    public int SampleRate { get; init; } = 8000;
    /// <summary>Samples per clip.</summary>
    public int Length { get; init; } = 4096;
    /// <summary>Trim leading and trailing audio quieter than this many dB below the clip's peak (20 ms frames; null = no trimming).</summary>
    public double? TrimBelowPeakDb { get; init; } = 40;
    /// <summary>Scale each clip to this RMS level in dB full scale, lowering it if its peak would pass 0.99 (null = leave levels alone).</summary>
    public double? LoudnessDbfs { get; init; } = -20;

    /// <summary>Throws <see cref="ArgumentException"/> for an impossible setting.</summary>
    public void Validate()
    {
        if (SampleRate is < 1000 or > 192_000) throw new ArgumentException($"--rate {SampleRate}: the sample rate must be 1,000–192,000 Hz.");
        if (Length < 256) throw new ArgumentException($"--length {Length}: clips must be at least 256 samples.");
        if (TrimBelowPeakDb is <= 0) throw new ArgumentException($"--trim-db {TrimBelowPeakDb}: must be positive (dB below the peak).");
        if (LoudnessDbfs is > 0) throw new ArgumentException($"--loudness {LoudnessDbfs}: must be at most 0 dBFS.");
    }

    /// <summary>The clip resampled, trimmed, normalised and fitted to <see cref="Length"/>.</summary>
    public float[] Apply(AudioClip clip) => Prepare(clip).Samples;

    /// <summary>The clip prepared as <see cref="Apply"/> does, and whether it was longer than <see cref="Length"/> (so cropped).</summary>
    public (float[] Samples, bool Cropped) Prepare(AudioClip clip)
    {
        var x = Resample(clip.Samples, clip.SampleRate, SampleRate);
        if (TrimBelowPeakDb is double db) x = TrimSilence(x, SampleRate, db);
        if (LoudnessDbfs is double level) x = Normalize(x, level);
        return (FitLength(x, Length), x.Length > Length);
    }

    /// <summary>Prepared clips of one length as a tensor [clips, length].</summary>
    public static Tensor Stack(IReadOnlyList<float[]> clips)
    {
        int length = clips[0].Length;
        var flat = new float[(long)clips.Count * length];
        for (int i = 0; i < clips.Count; i++)
        {
            if (clips[i].Length != length) throw new ArgumentException($"clips must have one length; clip {i} has {clips[i].Length}, not {length}.");
            clips[i].CopyTo(flat, (long)i * length);
        }
        return tensor(flat, [clips.Count, length]);
    }

    /// <summary>Band-limited resampling from <paramref name="from"/> Hz to <paramref name="to"/> Hz (NWaves); the samples unchanged when the rates agree.</summary>
    public static float[] Resample(float[] samples, int from, int to)
    {
        if (from == to) return samples;
        var signal = new DiscreteSignal(from, samples, allocateNew: true);
        return Operation.Resample(signal, to).Samples;
    }

    /// <summary>Drops leading and trailing 20 ms frames whose peak is more than <paramref name="belowPeakDb"/> dB under the clip's peak.</summary>
    public static float[] TrimSilence(float[] samples, int sampleRate, double belowPeakDb)
    {
        float peak = 0;
        foreach (var v in samples) peak = Math.Max(peak, Math.Abs(v));
        if (peak == 0) return samples;
        float threshold = (float)(peak * Math.Pow(10, -belowPeakDb / 20));
        int frame = Math.Max(1, sampleRate / 50);
        int first = -1, last = -1;
        for (int start = 0; start < samples.Length; start += frame)
        {
            int end = Math.Min(samples.Length, start + frame);
            bool loud = false;
            for (int i = start; i < end && !loud; i++) loud = Math.Abs(samples[i]) >= threshold;
            if (!loud) continue;
            if (first < 0) first = start;
            last = end;
        }
        return first <= 0 && last == samples.Length ? samples : samples[first..last];
    }

    /// <summary>Scales to an RMS of <paramref name="dbfs"/> dB full scale, or less where the peak would pass 0.99; silence stays silence.</summary>
    public static float[] Normalize(float[] samples, double dbfs)
    {
        double sum = 0;
        float peak = 0;
        foreach (var v in samples) { sum += v * (double)v; peak = Math.Max(peak, Math.Abs(v)); }
        double rms = Math.Sqrt(sum / Math.Max(1, samples.Length));
        if (rms < 1e-9) return samples;
        double gain = Math.Min(Math.Pow(10, dbfs / 20) / rms, 0.99 / peak);
        var y = new float[samples.Length];
        for (int i = 0; i < y.Length; i++) y[i] = (float)(samples[i] * gain);
        return y;
    }

    /// <summary>Pads with silence at the end, or crops to the <paramref name="length"/>-sample window of most energy.</summary>
    public static float[] FitLength(float[] samples, int length)
    {
        if (samples.Length == length) return samples;
        var y = new float[length];
        if (samples.Length < length)
        {
            samples.CopyTo(y, 0);
            return y;
        }
        double energy = 0, best = -1;
        int bestStart = 0;
        for (int i = 0; i < length; i++) energy += samples[i] * (double)samples[i];
        for (int start = 0; ; start++)
        {
            if (energy > best + 1e-12) { best = energy; bestStart = start; }
            if (start + length >= samples.Length) break;
            energy += samples[start + length] * (double)samples[start + length] - samples[start] * (double)samples[start];
        }
        Array.Copy(samples, bestStart, y, 0, length);
        return y;
    }
}
