using System.Text;
using System.Text.RegularExpressions;

namespace BeyondGan.Text.Data;

/// <summary>
/// A float32 array read from NumPy's .npy format, version 1.0 or 2.0 (magic \x93NUMPY, the version, the header's
/// length, an ASCII dict with 'descr', 'fortran_order' and 'shape', then the values). Written here because the format
/// is forty lines and the .NET packages that read it bring a whole NumPy port; only little-endian float32 in C order
/// is read, anything else is refused with the file's name.
/// </summary>
public sealed class NpyArray
{
    private NpyArray(long[] shape, float[] values)
    {
        Shape = shape;
        Values = values;
    }

    /// <summary>The array's shape.</summary>
    public long[] Shape { get; }

    /// <summary>The values in C (row-major) order.</summary>
    public float[] Values { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static NpyArray Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file.", path);
        using var reader = new BinaryReader(File.OpenRead(path));
        try
        {
            var magic = reader.ReadBytes(6);
            if (magic.Length < 6 || magic[0] != 0x93 || Encoding.ASCII.GetString(magic, 1, 5) != "NUMPY") throw new InvalidDataException($"{path}: not a .npy file.");
            byte major = reader.ReadByte();
            reader.ReadByte();
            int headerLength = major switch
            {
                1 => reader.ReadUInt16(),
                2 or 3 => checked((int)reader.ReadUInt32()),
                _ => throw new InvalidDataException($"{path}: .npy version {major} is not supported."),
            };
            string header = Encoding.ASCII.GetString(reader.ReadBytes(headerLength));
            string descr = Regex.Match(header, @"'descr':\s*'([^']*)'").Groups[1].Value;
            if (descr is not ("<f4" or "=f4")) throw new InvalidDataException($"{path}: values of type '{descr}'; only little-endian float32 ('<f4') is read.");
            if (Regex.IsMatch(header, @"'fortran_order':\s*True")) throw new InvalidDataException($"{path}: Fortran-ordered arrays are not read.");
            var shapeText = Regex.Match(header, @"'shape':\s*\(([^)]*)\)");
            if (!shapeText.Success) throw new InvalidDataException($"{path}: the header has no shape.");
            var shape = shapeText.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
            long count = shape.Aggregate(1L, (a, b) => a * b);
            var bytes = reader.ReadBytes(checked((int)(count * 4)));
            if (bytes.Length != count * 4) throw new InvalidDataException($"{path}: truncated ({bytes.Length:N0} of {count * 4:N0} value bytes).");
            var values = new float[count];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("reading .npy on a big-endian machine");
            return new NpyArray(shape, values);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: truncated .npy header.");
        }
    }
}
