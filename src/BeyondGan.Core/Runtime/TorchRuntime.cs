using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Runtime;

/// <summary>
/// Start-up checks and process-wide settings for libtorch: does the native library load, how many threads
/// it uses, and which device tensors live on.
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool _loaded;

    /// <summary>
    /// Loads libtorch once. Returns null on success, or one sentence saying what is missing and how to fix it.
    /// </summary>
    public static string? TryEnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded) return null;
            NativeHeap.Configure();
            try
            {
                InitializeDeviceType(DeviceType.CPU);
                using var probe = zeros(1);
                _loaded = true;
                return null;
            }
            catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                return DescribeLoadFailure();
            }
        }
    }

    /// <summary>Loads libtorch or throws <see cref="InvalidOperationException"/> with a one-sentence explanation.</summary>
    public static void EnsureLoaded()
    {
        var problem = TryEnsureLoaded();
        if (problem is not null) throw new InvalidOperationException(problem);
    }

    private static string DescribeLoadFailure()
    {
        string dir = AppContext.BaseDirectory;
        string[] candidates =
        {
            Path.Combine(dir, "libLibTorchSharp.so"),
            Path.Combine(dir, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
        };
        string? lib = candidates.FirstOrDefault(File.Exists);
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || lib is null)
            return "TorchSharp's native library (libtorch) could not be loaded: reference the TorchSharp-cpu package (or a CUDA one) and rebuild.";
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(lib));
        }
        catch (DllNotFoundException e)
        {
            string reason = e.Message.ReplaceLineEndings(" ");
            if (reason.Contains("GLIBCXX_3.4.32", StringComparison.Ordinal))
                return $"TorchSharp's native library {lib} needs GLIBCXX_3.4.32, which this system's libstdc++ lacks: rebuild with `dotnet build` (the repository's build/TorchSharpNativeFix.targets patches the copy in the output) or install GCC 13's libstdc++.";
            return $"TorchSharp's native library {lib} could not be loaded ({reason}).";
        }
        return $"libtorch could not be initialised although {lib} loads: check that the libtorch-cpu runtime files sit beside it.";
    }

    /// <summary>
    /// Sets libtorch's intra-op thread count. 0 keeps libtorch's default (one per physical core).
    /// </summary>
    public static void SetThreads(int threads)
    {
        if (threads < 0) throw new ArgumentOutOfRangeException(nameof(threads), "Thread count must be 0 (default) or positive.");
        if (threads > 0) set_num_threads(threads);
    }

    /// <summary>Parses a device name such as <c>cpu</c>, <c>cuda</c> or <c>cuda:1</c>, with a clear error if it is unavailable.</summary>
    public static Device ParseDevice(string name)
    {
        string n = name.Trim().ToLowerInvariant();
        if (n == "cpu") return CPU;
        if (n.StartsWith("cuda", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
                throw new ArgumentException($"Device '{name}' was asked for, but CUDA is not available: build with -p:BeyondGanTorchSharpPackage=TorchSharp-cuda-linux (or -windows; docs/SCALING.md), or use --device cpu.");
            return new Device(n);
        }
        throw new ArgumentException($"Unknown device '{name}': use cpu, cuda or cuda:N.");
    }
}
