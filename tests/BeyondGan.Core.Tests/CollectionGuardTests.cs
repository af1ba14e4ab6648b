using System.Runtime;
using BeyondGan.Runtime;

namespace BeyondGan.Core.Tests;

public class CollectionGuardTests
{
    [Fact]
    public void The_region_is_kept_while_budget_remains_and_renewed_with_a_collection_once_half_is_spent_or_after_max_steps()
    {
        if (Environment.GetEnvironmentVariable("BEYONDGAN_NO_COLLECTION_GUARD") == "1") return;
        var guard = new CollectionGuard();
        try
        {
            guard.Enter();
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            int collections = GC.CollectionCount(0);
            guard.Enter();
            Assert.Equal(collections, GC.CollectionCount(0));

            var spent = new byte[CollectionGuard.Budget / 2 + 1];
            guard.Enter();
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            Assert.True(GC.CollectionCount(0) > collections, "renewing the region collects first");
            GC.KeepAlive(spent);

            collections = GC.CollectionCount(0);
            for (int i = 0; i < CollectionGuard.MaxSteps - 1; i++) guard.Enter();
            Assert.Equal(collections, GC.CollectionCount(0));
            guard.Enter();
            Assert.True(GC.CollectionCount(0) > collections, "a region is renewed after MaxSteps steps however little they allocate");
        }
        finally { guard.Dispose(); }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }
}
