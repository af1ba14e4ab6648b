using System.Runtime.InteropServices;

namespace BeyondGan.Runtime;

/// <summary>
/// Fixes glibc's malloc thresholds for libtorch's allocation pattern (Linux only). By default glibc adapts them as it
/// goes: buffers of a few MB are sometimes mapped and unmapped, or the heap top returned to the kernel and touched
/// again, every step — and fresh pages are what costs (a CTGAN fit on Adult fell into that state in about one run in
/// three: ≈ 1,000 page faults and 25–100 % more time per step). With buffers up to 32 MB taken from the heap and up to
/// 256 MB of free heap kept, every run reuses its memory (BENCHMARKS §2). Leaves the settings alone when the user set
/// <c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c> or malloc tunables, or when the C library is not glibc.
/// </summary>
public static class NativeHeap
{
    private const int M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3;

    /// <summary>Largest buffer served from the heap rather than its own mapping (glibc's maximum on 64-bit).</summary>
    public const int MmapThreshold = 32 * 1024 * 1024;
    /// <summary>Free memory at the top of the heap kept rather than returned to the kernel.</summary>
    public const int TrimThreshold = 256 * 1024 * 1024;

    private static readonly Lazy<bool> configured = new(Apply);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);

    /// <summary>Sets the thresholds once per process; true when they are set (by this call or an earlier one).</summary>
    public static bool Configure() => configured.Value;

    private static bool Apply()
    {
        if (!OperatingSystem.IsLinux() || UserChoseSettings()) return false;
        try
        {
            return Mallopt(M_MMAP_THRESHOLD, MmapThreshold) == 1 && Mallopt(M_TRIM_THRESHOLD, TrimThreshold) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static bool UserChoseSettings() =>
        Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null ||
        Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is not null ||
        (Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc.", StringComparison.Ordinal) ?? false);
}
