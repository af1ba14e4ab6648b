namespace BeyondGan.Audio.Data;

/// <summary>One mono clip: its samples in [−1, 1] at <see cref="SampleRate"/>, where it came from, and its label (if any).</summary>
/// <param name="Source">The file it was read from (or a generated name).</param>
/// <param name="Samples">Mono samples, nominally in [−1, 1].</param>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="Label">The clip's label, or null.</param>
/// <param name="Channels">Channels in the file before mixing down to mono (1 = it was mono).</param>
public sealed record AudioClip(string Source, float[] Samples, int SampleRate, string? Label = null, int Channels = 1)
{
    /// <summary>Duration in seconds.</summary>
    public double Seconds => Samples.Length / (double)SampleRate;
}
