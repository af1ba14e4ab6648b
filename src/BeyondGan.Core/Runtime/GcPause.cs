using System.Runtime;

namespace BeyondGan.Runtime;

/// <summary>
/// Holds off .NET garbage collection for the span of one training step. TorchSharp turns numbers into native
/// <c>Scalar</c> objects implicitly and frees them in finalizers; if a collection started by another thread (the
/// JIT, a progress bar) finalises such a Scalar while a native operation is still reading it, the operation fails
/// with "Unknown scalar type" or, worse, silently reads a wrong value. Seen once in 9,000 CTGAN steps before this.
/// Collections then happen between steps, when no native call is in flight.
/// </summary>
public readonly struct GcPause : IDisposable
{
    private readonly bool active;

    private GcPause(bool active) => this.active = active;

    /// <summary>Allocation budget of one pause: more than a training step allocates in managed memory.</summary>
    public const long Budget = 64L * 1024 * 1024;

    /// <summary>Starts a pause (a no-op if one is already running or the runtime refuses).</summary>
    public static GcPause Begin()
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return new GcPause(false);
        try
        {
            return new GcPause(GC.TryStartNoGCRegion(Budget));
        }
        catch (InvalidOperationException)
        {
            return new GcPause(false);
        }
    }

    /// <summary>Ends the pause; if the step allocated more than the budget, the runtime has already ended it.</summary>
    public void Dispose()
    {
        if (!active || GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
        try { GC.EndNoGCRegion(); }
        catch (InvalidOperationException) { }
    }
}
