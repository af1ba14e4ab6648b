using static TorchSharp.torch;

namespace BeyondGan.Runtime;

/// <summary>The number type the networks' matrix products run in (weights and everything else stay float32).</summary>
public enum ComputePrecision
{
    /// <summary>float32 throughout (the default).</summary>
    Float32,
    /// <summary>Matrix products in bfloat16 with float32 accumulation (mixed precision; fast on CPUs with AVX512-BF16 or AMX).</summary>
    BFloat16,
}

/// <summary>Conversions of <see cref="ComputePrecision"/>.</summary>
public static class ComputePrecisionExtensions
{
    /// <summary>The libtorch scalar type of <paramref name="precision"/>.</summary>
    public static ScalarType ToScalarType(this ComputePrecision precision) =>
        precision == ComputePrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;

    /// <summary>Parses "float32"/"fp32" or "bfloat16"/"bf16" (case-insensitive).</summary>
    public static ComputePrecision Parse(string text) => text.ToLowerInvariant() switch
    {
        "float32" or "fp32" => ComputePrecision.Float32,
        "bfloat16" or "bf16" => ComputePrecision.BFloat16,
        _ => throw new ArgumentException($"--precision {text}: expected float32 or bfloat16."),
    };
}
