using System.Runtime;

namespace BeyondGan.Runtime;

/// <summary>
/// Keeps .NET garbage collections from starting on other threads while training runs native code, and collects at safe
/// points instead. TorchSharp turns numbers passed to ops (the alpha of every tensor addition, Adam's <c>eps</c>, …) into
/// native <c>Scalar</c>s that only finalizers free; a collection started by another thread while a native op still reads
/// one frees it under the op ("Unknown scalar type", "argument alpha must not be a floating point number", or a silently
/// wrong value). Inside a no-GC region no collection starts; the region is renewed at a step boundary (no native call in
/// flight) once half its budget is spent or after <see cref="MaxSteps"/> steps, with a gen-0 collection first, so the
/// past steps' Scalars are finalised every few dozen steps. Letting them live longer costs dearly: each one pins a hole
/// in the native heap, which then grows by the step's working set every step (one 128 MB region per run: CTGAN steps
/// twice as slow and up to 2 GB resident).
/// </summary>
public sealed class CollectionGuard : IDisposable
{
    /// <summary>Allocation budget of one region. A region is renewed once half of it is spent, so it never runs out mid-step.</summary>
    public const long Budget = 32L * 1024 * 1024;

    private static readonly bool Disabled = Environment.GetEnvironmentVariable("BEYONDGAN_NO_COLLECTION_GUARD") == "1";
    /// <summary>Steps after which a region is renewed even if little of its budget is spent (a step that allocates little
    /// managed memory still makes Scalars; the toy preset kept one region for ~800 steps and grew to 1 GB).</summary>
    public const int MaxSteps = 50;

    private bool opened;
    private long allocatedAtStart;
    private int steps;

    /// <summary>Call at the start of every step (a safe point: no native call in flight on this thread). Opens a region
    /// unless one is already open; renews this guard's region once half its budget is spent, collecting first so that
    /// the Scalars of the past steps are finalised now rather than pinning native memory for hundreds of steps.
    /// Setting the environment variable <c>BEYONDGAN_NO_COLLECTION_GUARD=1</c> turns the guard off.</summary>
    public void Enter()
    {
        if (Disabled) return;
        bool inRegion = GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;
        if (inRegion && (!opened || (++steps < MaxSteps && GC.GetTotalAllocatedBytes() - allocatedAtStart < Budget / 2))) return;
        if (inRegion) EndRegion();
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        try { opened = GC.TryStartNoGCRegion(Budget); }
        catch (InvalidOperationException) { opened = false; }
        catch (ArgumentOutOfRangeException) { opened = false; }
        allocatedAtStart = GC.GetTotalAllocatedBytes();
        steps = 0;
    }

    private static void EndRegion()
    {
        try { GC.EndNoGCRegion(); }
        catch (InvalidOperationException) { }
    }

    /// <summary>Closes the region this guard opened, if it is still open.</summary>
    public void Dispose()
    {
        if (!opened || GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
        EndRegion();
        opened = false;
    }
}
