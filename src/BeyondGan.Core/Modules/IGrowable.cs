namespace BeyondGan.Modules;

/// <summary>
/// A network that can grow during training (Karras et al. 2018, §3): it starts with few active blocks and
/// fades new ones in smoothly, the newest block weighted by α while the previous path keeps 1 − α.
/// </summary>
public interface IGrowable
{
    /// <summary>Number of blocks the network has when fully grown.</summary>
    int MaxDepth { get; }

    /// <summary>Active depth and fade-in weight α ∈ [0, 1] of the newest active block.</summary>
    void SetGrowth(int depth, double alpha);
}
