using BeyondGan.Runtime;

namespace BeyondGan.Core.Tests;

public class NativeHeapTests
{
    [Fact]
    public void Thresholds_are_set_on_linux_with_glibc_and_setting_them_again_is_harmless()
    {
        bool first = NativeHeap.Configure();
        Assert.Equal(first, NativeHeap.Configure());
        if (OperatingSystem.IsLinux() && File.Exists("/lib/x86_64-linux-gnu/libc.so.6")
            && Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is null && Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is null
            && Environment.GetEnvironmentVariable("GLIBC_TUNABLES") is null)
            Assert.True(first);
    }
}
