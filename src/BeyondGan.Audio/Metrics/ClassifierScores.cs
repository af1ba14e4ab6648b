namespace BeyondGan.Audio.Metrics;

/// <summary>Scores computed from a classifier's label probabilities p(y|x) of a set of clips.</summary>
public static class ClassifierScores
{
    /// <summary>Inception score (Salimans et al. 2016): exp(E_x KL(p(y|x) ‖ p(y))), p(y) the clips' mean prediction. Between 1 and the number of labels.</summary>
    public static double InceptionScore(IReadOnlyList<float[]> p)
    {
        var marginal = Mean(p);
        return Math.Exp(p.Average(pi => Kl(pi, marginal)));
    }

    /// <summary>
    /// Modified Inception score (Gurumurthy et al. 2017): exp(E_{i≠j} KL(p(y|x_i) ‖ p(y|x_j))) over all ordered pairs of clips,
    /// in O(N·K): Σ_{i≠j} KL(p_i ‖ p_j) = N·Σ_i Σ_k p_ik ln p_ik − Σ_k (Σ_i p_ik)(Σ_j ln p_jk).
    /// </summary>
    public static double ModifiedInceptionScore(IReadOnlyList<float[]> p)
    {
        int n = p.Count, k = p[0].Length;
        if (n < 2) return double.NaN;
        double self = 0;
        var sumP = new double[k];
        var sumLog = new double[k];
        foreach (var pi in p)
            for (int c = 0; c < k; c++)
            {
                double v = Math.Max(pi[c], 1e-12), lv = Math.Log(v);
                self += v * lv;
                sumP[c] += v;
                sumLog[c] += lv;
            }
        double cross = 0;
        for (int c = 0; c < k; c++) cross += sumP[c] * sumLog[c];
        return Math.Exp((n * self - cross) / ((double)n * (n - 1)));
    }

    /// <summary>
    /// AM score (Zhou et al. 2018): KL(p_train(y) ‖ p(y)) + E_x H(p(y|x)), p_train the classifier's mean prediction on its
    /// training clips; 0 is best (confident predictions with the training data's label mixture).
    /// </summary>
    public static double AmScore(IReadOnlyList<float[]> p, float[] trainMarginal)
    {
        var marginal = Mean(p);
        return Kl(trainMarginal, marginal) + p.Average(pi => -pi.Sum(v => v > 0 ? v * Math.Log(v) : 0));
    }

    /// <summary>The mean of the probability rows.</summary>
    public static float[] Mean(IReadOnlyList<float[]> p)
    {
        var m = new double[p[0].Length];
        foreach (var pi in p) for (int c = 0; c < m.Length; c++) m[c] += pi[c];
        return m.Select(v => (float)(v / p.Count)).ToArray();
    }

    /// <summary>KL(a ‖ b) in nats, with terms where a is 0 taken as 0 and b floored at 10⁻¹².</summary>
    public static double Kl(float[] a, float[] b)
    {
        double kl = 0;
        for (int c = 0; c < a.Length; c++)
            if (a[c] > 0) kl += a[c] * (Math.Log(a[c]) - Math.Log(Math.Max(b[c], 1e-12)));
        return kl;
    }
}
