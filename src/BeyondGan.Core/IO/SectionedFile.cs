using System.Text;

namespace BeyondGan.IO;

/// <summary>
/// Length-prefixed binary sections, the layout of checkpoints and model files: each section is an int64 length and
/// its bytes, so a reader can check that a section is complete and was read exactly to its end.
/// </summary>
public static class SectionedFile
{
    /// <summary>Writes one section whose content <paramref name="write"/> produces.</summary>
    public static void WriteSection(BinaryWriter w, Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var bw = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) write(bw);
        w.Write(buffer.Length);
        buffer.Position = 0;
        buffer.CopyTo(w.BaseStream);
    }

    /// <summary>
    /// Reads one section with <paramref name="read"/>. Throws <see cref="EndOfStreamException"/> if it runs past the end
    /// of the file and <see cref="InvalidDataException"/> (naming the section) if it cannot be read or is not read to its end.
    /// </summary>
    public static void ReadSection(BinaryReader r, string name, Action<BinaryReader> read)
    {
        long length = r.ReadInt64();
        if (length < 0 || length > r.BaseStream.Length - r.BaseStream.Position) throw new EndOfStreamException($"the {name} section runs past the end of the file");
        var bytes = r.ReadBytes(checked((int)length));
        using var ms = new MemoryStream(bytes);
        using var br = new BinaryReader(ms, Encoding.UTF8);
        try
        {
            read(br);
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new InvalidDataException($"the {name} section could not be read: {FirstLine(e.Message)}", e);
        }
        if (ms.Position != ms.Length) throw new InvalidDataException($"the {name} section was not read to its end");
    }

    /// <summary>The first line of a (possibly multi-line native) error message.</summary>
    public static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
