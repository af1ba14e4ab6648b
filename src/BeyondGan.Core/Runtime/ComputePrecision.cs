using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Runtime;

/// <summary>The number type the networks' matrix products run in (weights and everything else stay float32).</summary>
public enum ComputePrecision
{
    /// <summary>bfloat16 on a CPU with native bfloat16 dot products (AVX512-BF16 or AMX), float32 otherwise.</summary>
    [JsonStringEnumMemberName("auto")] Auto,
    /// <summary>float32 throughout.</summary>
    [JsonStringEnumMemberName("float32")] Float32,
    /// <summary>Matrix products in bfloat16 with float32 accumulation (mixed precision; fast on CPUs with AVX512-BF16 or AMX).</summary>
    [JsonStringEnumMemberName("bfloat16")] BFloat16,
}

/// <summary>Conversions of <see cref="ComputePrecision"/>.</summary>
public static class ComputePrecisionExtensions
{
    private static readonly Lazy<bool> nativeBFloat16 = new(DetectNativeBFloat16);

    /// <summary>True when this CPU has native bfloat16 dot products (read from /proc/cpuinfo; false where that is unavailable).</summary>
    public static bool CpuHasNativeBFloat16 => nativeBFloat16.Value;

    /// <summary><see cref="ComputePrecision.Auto"/> made concrete for <paramref name="device"/>: bfloat16 only on a CPU that has it natively.</summary>
    public static ComputePrecision Resolve(this ComputePrecision precision, Device device) =>
        precision != ComputePrecision.Auto ? precision
        : device.type == DeviceType.CPU && CpuHasNativeBFloat16 ? ComputePrecision.BFloat16 : ComputePrecision.Float32;

    /// <summary>A one-line warning when <paramref name="precision"/> asks for bfloat16 on a CPU that would only emulate it
    /// (<paramref name="cpuHasNativeBFloat16"/> false), else null.</summary>
    public static string? EmulationWarning(this ComputePrecision precision, Device device, bool cpuHasNativeBFloat16) =>
        precision == ComputePrecision.BFloat16 && device.type == DeviceType.CPU && !cpuHasNativeBFloat16
            ? "bfloat16 products on a CPU without native bfloat16 (no avx512_bf16 or amx_bf16) are emulated and usually slower than float32; --precision auto chooses float32 here."
            : null;

    /// <summary>The libtorch scalar type of a concrete <paramref name="precision"/>.</summary>
    public static ScalarType ToScalarType(this ComputePrecision precision) => precision switch
    {
        ComputePrecision.BFloat16 => ScalarType.BFloat16,
        ComputePrecision.Float32 => ScalarType.Float32,
        _ => throw new InvalidOperationException("Resolve the automatic precision for a device first."),
    };

    /// <summary>Parses "auto", "float32"/"fp32" or "bfloat16"/"bf16" (case-insensitive).</summary>
    public static ComputePrecision Parse(string text) => text.ToLowerInvariant() switch
    {
        "auto" => ComputePrecision.Auto,
        "float32" or "fp32" => ComputePrecision.Float32,
        "bfloat16" or "bf16" => ComputePrecision.BFloat16,
        _ => throw new ArgumentException($"--precision {text}: expected auto, float32 or bfloat16."),
    };

    private static bool DetectNativeBFloat16()
    {
        try
        {
            if (!OperatingSystem.IsLinux() || !File.Exists("/proc/cpuinfo")) return false;
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("flags", StringComparison.Ordinal))
                    return line.Split(' ', ':', '\t').Any(f => f is "avx512_bf16" or "amx_bf16");
            return false;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
