using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// Phase shuffle (Donahue et al. 2019, §3.3): shifts the critic's activations by one random k ∈ [−n, n] per call (the whole
/// batch alike), filling the gap by reflection, so the critic cannot judge a clip by the phase of its periodic artefacts.
/// The shift is drawn from <see cref="Rng"/> (the trainer's generator, for reproducible runs); n = 0 is the identity.
/// </summary>
public sealed class PhaseShuffle : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the layer with the largest shift <paramref name="n"/>.</summary>
    public PhaseShuffle(int n) : base(nameof(PhaseShuffle))
    {
        if (n < 0) throw new ArgumentException($"The phase-shuffle width must be at least 0, got {n}.");
        N = n;
    }

    /// <summary>The largest shift.</summary>
    public int N { get; }

    /// <summary>Where the shifts are drawn from (null: the global generator).</summary>
    public TorchSharp.torch.Generator? Rng { get; set; }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        if (N == 0 || !training) return x.alias();
        long k = randint(-N, N + 1, [1], generator: Rng).item<long>();
        return Shift(x, k);
    }

    /// <summary>x shifted right by <paramref name="k"/> samples (left when negative), the gap filled by reflection.</summary>
    public static Tensor Shift(Tensor x, long k)
    {
        if (k == 0) return x.alias();
        long length = x.shape[2];
        return k > 0
            ? nn.functional.pad(x, [k, 0], PaddingModes.Reflect).narrow(2, 0, length)
            : nn.functional.pad(x, [0, -k], PaddingModes.Reflect).narrow(2, -k, length);
    }
}
