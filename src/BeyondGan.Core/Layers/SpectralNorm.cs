using static TorchSharp.torch;

namespace BeyondGan.Layers;

/// <summary>
/// Spectral normalisation (Miyato et al. 2018, Eq. 8 and Algorithm 1): W_SN = W / σ(W), where σ(W) is estimated
/// by power iteration, ũ ← W ṽ / ‖W ṽ‖ with ṽ ← Wᵀ ũ / ‖Wᵀ ũ‖, and σ ≈ ũᵀ W ṽ. TorchSharp 0.107 has no
/// spectral_norm, so layers call this on their weight matrix (reshaped to [out, −1]).
/// </summary>
public static class SpectralNorm
{
    /// <summary>
    /// Returns W / σ(W). When <paramref name="updateU"/> is true (training), runs <paramref name="iterations"/>
    /// power iterations and updates <paramref name="u"/> in place; gradients flow through W and σ, not through u, v.
    /// </summary>
    public static Tensor Normalize(Tensor weight, Tensor u, bool updateU, int iterations = 1)
    {
        var w = weight.reshape(weight.shape[0], -1);
        Tensor v;
        using (no_grad())
        {
            if (updateU)
            {
                for (int i = 0; i < iterations; i++)
                {
                    v = L2Normalize(w.t().mv(u));
                    u.copy_(L2Normalize(w.mv(v)));
                }
            }
            v = L2Normalize(w.t().mv(u));
        }
        // u and v are cloned: the next forward updates u in place while this graph may still need it.
        var sigma = u.clone().dot(w.mv(v.clone()));
        return weight / sigma;
    }

    /// <summary>Largest singular value estimate σ ≈ uᵀ W v for the current u (no update).</summary>
    public static double Sigma(Tensor weight, Tensor u)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var w = weight.reshape(weight.shape[0], -1);
        var v = L2Normalize(w.t().mv(u));
        return u.dot(w.mv(v)).item<float>();
    }

    private static Tensor L2Normalize(Tensor x) => x / (x.square().sum().sqrt() + 1e-12);
}
