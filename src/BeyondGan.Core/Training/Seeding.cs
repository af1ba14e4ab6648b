using static TorchSharp.torch;

namespace BeyondGan.Training;

/// <summary>One seed for the whole run: network initialisation, dropout and every sampler.</summary>
public static class Seeding
{
    /// <summary>Seeds libtorch's global generator (weight initialisation, dropout). Call before building networks.</summary>
    public static void Seed(long seed)
    {
        Runtime.TorchRuntime.EnsureLoaded();
        manual_seed(seed);
    }
}
