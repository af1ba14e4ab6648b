using BeyondGan.IO;
using NAudio.Wave;

namespace BeyondGan.Audio.Data;

/// <summary>
/// WAV files through NAudio: reading PCM 8/16/24/32-bit and IEEE float (32/64-bit), mono or several channels mixed
/// down to mono; writing 16-bit PCM mono, atomically (a temporary file, then a rename).
/// </summary>
public static class WavFile
{
    /// <summary>Reads <paramref name="path"/> as a mono clip; a file that is missing, not WAV, of an unsupported encoding or empty is refused with one line naming it.</summary>
    public static AudioClip Read(string path, string? label = null)
    {
        if (!File.Exists(path)) throw new AudioDataException($"{path}: file not found.");
        return Parse(path, File.ReadAllBytes(path), label);
    }

    /// <summary>Reads WAV <paramref name="bytes"/> (named <paramref name="path"/> in errors) as a mono clip.</summary>
    public static AudioClip Parse(string path, byte[] bytes, string? label = null)
    {
        if (bytes.Length == 0) throw new AudioDataException($"{path}: empty file (0 bytes), not a WAV file.");
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(new MemoryStream(bytes, writable: false));
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException or ArgumentException or IOException)
        {
            throw new AudioDataException($"{path}: not a WAV file, or its header is corrupt ({FirstLine(e.Message)}).", e);
        }
        using (reader)
        {
            var format = reader.WaveFormat;
            var encoding = format.Encoding == WaveFormatEncoding.Extensible ? ((WaveFormatExtensible)format).ToStandardWaveFormat().Encoding : format.Encoding;
            bool supported = encoding switch
            {
                WaveFormatEncoding.Pcm => format.BitsPerSample is 8 or 16 or 24 or 32,
                WaveFormatEncoding.IeeeFloat => format.BitsPerSample is 32 or 64,
                _ => false,
            };
            if (!supported)
                throw new AudioDataException($"{path}: unsupported encoding {encoding}, {format.BitsPerSample}-bit; BeyondGan reads PCM 8/16/24/32-bit and IEEE float 32/64-bit WAV.");
            if (format.Channels < 1 || format.SampleRate < 1) throw new AudioDataException($"{path}: the WAV header says {format.Channels} channels at {format.SampleRate} Hz.");
            long frames = reader.SampleCount;
            if (frames == 0) throw new AudioDataException($"{path}: zero-length clip (the WAV file has no samples).");
            if (frames > int.MaxValue / Math.Max(1, format.Channels)) throw new AudioDataException($"{path}: {frames:N0} frames, too long a clip to read.");
            ISampleProvider samples;
            try
            {
                samples = format.Encoding == WaveFormatEncoding.Extensible ? new WaveFormatConversionlessReader(reader, encoding).ToSampleProvider() : reader.ToSampleProvider();
            }
            catch (ArgumentException e)
            {
                throw new AudioDataException($"{path}: unsupported encoding ({FirstLine(e.Message)}).", e);
            }
            var interleaved = new float[frames * format.Channels];
            int read = 0;
            while (read < interleaved.Length)
            {
                int n = samples.Read(interleaved.AsSpan(read));
                if (n == 0) break;
                read += n;
            }
            if (read == 0) throw new AudioDataException($"{path}: zero-length clip (the data chunk is empty or cut off).");
            int channels = format.Channels;
            var mono = new float[read / channels];
            for (int i = 0; i < mono.Length; i++)
            {
                float sum = 0;
                for (int c = 0; c < channels; c++) sum += interleaved[i * channels + c];
                mono[i] = sum / channels;
            }
            return new AudioClip(path, mono, format.SampleRate, label, channels);
        }
    }

    /// <summary>The bytes of a 16-bit PCM mono WAV file of <paramref name="samples"/> (clipped to [−1, 1], rounded to the nearest step).</summary>
    public static byte[] Encode(ReadOnlySpan<float> samples, int sampleRate)
    {
        var pcm = new short[samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            float v = float.IsNaN(samples[i]) ? 0f : Math.Clamp(samples[i], -1f, 1f);
            pcm[i] = (short)Math.Round(v * short.MaxValue);
        }
        var stream = new MemoryStream();
        using (var writer = new WaveFileWriter(new NonClosingStream(stream), new WaveFormat(sampleRate, 16, 1)))
            writer.WriteSamples(pcm, 0, pcm.Length);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="samples"/> to <paramref name="path"/> as 16-bit PCM mono, atomically.</summary>
    public static void Write(string path, ReadOnlySpan<float> samples, int sampleRate) => AtomicFile.WriteAllBytes(path, Encode(samples, sampleRate));

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>An extensible-format reader seen as its standard encoding (NAudio's converters read PCM and float by encoding).</summary>
    private sealed class WaveFormatConversionlessReader(WaveFileReader inner, WaveFormatEncoding encoding) : IWaveProvider
    {
        public WaveFormat WaveFormat { get; } = encoding == WaveFormatEncoding.IeeeFloat
            ? WaveFormat.CreateIeeeFloatWaveFormat(inner.WaveFormat.SampleRate, inner.WaveFormat.Channels)
            : new WaveFormat(inner.WaveFormat.SampleRate, inner.WaveFormat.BitsPerSample, inner.WaveFormat.Channels);

        public int Read(Span<byte> buffer) => inner.Read(buffer);
    }

    /// <summary>WaveFileWriter closes its stream when disposed; the header is patched at that point, so the memory stream must outlive it.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        protected override void Dispose(bool disposing) { }
    }
}
