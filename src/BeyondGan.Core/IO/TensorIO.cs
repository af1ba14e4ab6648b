using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.IO;

/// <summary>Writes and reads single tensors in a small, versioned binary layout (dtype, shape, raw little-endian data).</summary>
public static class TensorIO
{
    /// <summary>Writes <paramref name="tensor"/> (copied to the CPU).</summary>
    public static void Write(BinaryWriter writer, Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        writer.Write((int)cpu.dtype);
        writer.Write((int)cpu.dim());
        foreach (long d in cpu.shape) writer.Write(d);
        var bytes = cpu.bytes;
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Reads a tensor written by <see cref="Write"/>, on the CPU.</summary>
    public static Tensor Read(BinaryReader reader)
    {
        var dtype = (ScalarType)reader.ReadInt32();
        int dims = reader.ReadInt32();
        if (dims is < 0 or > 16) throw new InvalidDataException($"Corrupt tensor record: {dims} dimensions.");
        var shape = new long[dims];
        for (int i = 0; i < dims; i++) shape[i] = reader.ReadInt64();
        int length = reader.ReadInt32();
        var data = reader.ReadBytes(length);
        if (data.Length != length) throw new EndOfStreamException("Tensor data is truncated.");
        var t = empty(shape, dtype);
        t.bytes = data;
        return t;
    }
}
