using System.Runtime;

namespace BeyondGan.Runtime;

/// <summary>
/// Keeps .NET garbage collections from starting on other threads while training runs native code. TorchSharp turns
/// numbers passed to ops (Adam's <c>eps</c>, BatchNorm's counter increment, …) into native <c>Scalar</c>s that only
/// finalizers free; a collection started by another thread while a native op still reads one frees it under the op
/// ("Unknown scalar type", "argument alpha must not be a floating point number", or a silently wrong value; seen
/// twice in about 50,000 CTGAN steps). Inside a large no-GC region almost every collection is triggered by the
/// training thread's own allocations, i.e. between native calls, which is safe. One full collection starts each
/// region, so a region spans many steps.
/// </summary>
public sealed class CollectionGuard : IDisposable
{
    /// <summary>Allocation budget of one region (the runtime ends the region when it is spent; the next step opens a new one).</summary>
    public const long Budget = 128L * 1024 * 1024;

    private static readonly bool Disabled = Environment.GetEnvironmentVariable("BEYONDGAN_NO_COLLECTION_GUARD") == "1";
    private bool opened;

    /// <summary>Opens a region unless one is already open (call at the start of every step). Setting the environment
    /// variable <c>BEYONDGAN_NO_COLLECTION_GUARD=1</c> turns the guard off.</summary>
    public void Enter()
    {
        if (Disabled || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return;
        try { opened = GC.TryStartNoGCRegion(Budget); }
        catch (InvalidOperationException) { opened = false; }
        catch (ArgumentOutOfRangeException) { opened = false; }
    }

    /// <summary>Closes the region this guard opened, if it is still open.</summary>
    public void Dispose()
    {
        if (!opened || GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
        try { GC.EndNoGCRegion(); }
        catch (InvalidOperationException) { }
        opened = false;
    }
}
