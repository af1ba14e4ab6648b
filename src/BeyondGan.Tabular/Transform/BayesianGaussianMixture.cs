using MathNet.Numerics;

namespace BeyondGan.Tabular.Transform;

/// <summary>
/// A one-dimensional Gaussian mixture fitted by variational inference with a (truncated) Dirichlet-process prior on
/// the weights (Blei and Jordan 2006; Bishop 2006, §10.2), so that surplus components get vanishing weight. CTGAN
/// (Xu et al. 2019, §4.2) uses it for mode-specific normalisation with at most 10 components and prior 0.001.
/// Conjugate Gaussian–Wishart priors: mean prior = data mean, mean precision 1, 1 degree of freedom, scale = data variance.
/// </summary>
public sealed class BayesianGaussianMixture
{
    private const double Log2Pi = 1.8378770664093453;

    /// <summary>Creates an unfitted mixture.</summary>
    public BayesianGaussianMixture(int maxComponents = 10, double weightConcentrationPrior = 1e-3, int maxIterations = 100, double tolerance = 1e-3)
    {
        if (maxComponents < 1) throw new ArgumentOutOfRangeException(nameof(maxComponents));
        MaxComponents = maxComponents;
        WeightConcentrationPrior = weightConcentrationPrior;
        MaxIterations = maxIterations;
        Tolerance = tolerance;
    }

    /// <summary>Truncation level K of the Dirichlet process.</summary>
    public int MaxComponents { get; }
    /// <summary>Concentration γ₀ of the stick-breaking prior; small values favour few components.</summary>
    public double WeightConcentrationPrior { get; }
    /// <summary>Most variational iterations.</summary>
    public int MaxIterations { get; }
    /// <summary>Stop when the total log-likelihood (summed over the values, as scikit-learn's lower bound is) changes by less than this.</summary>
    public double Tolerance { get; }
    /// <summary>Iterations run by the last <see cref="Fit"/>.</summary>
    public int Iterations { get; private set; }

    /// <summary>Expected mixture weights (sum to 1).</summary>
    public double[] Weights { get; private set; } = [];
    /// <summary>Posterior means of the component means.</summary>
    public double[] Means { get; private set; } = [];
    /// <summary>Component variances (expected covariance under the posterior).</summary>
    public double[] Variances { get; private set; } = [];

    // Variational parameters (Bishop Eq. 10.58–10.63, in one dimension) and the stick-breaking Beta parameters.
    private double[] alpha = [], beta = [], meanPrecision = [], degreesOfFreedom = [];
    private double[] logWeights = [], logPrecisionTerm = [];

    /// <summary>Fits the mixture to <paramref name="x"/> (at least 2 values).</summary>
    public BayesianGaussianMixture Fit(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        if (n < 2) throw new ArgumentException("At least two values are needed to fit a mixture.");
        int k = Math.Min(MaxComponents, n);
        double mean = 0; foreach (var v in x) mean += v; mean /= n;
        double variance = 0; foreach (var v in x) variance += (v - mean) * (v - mean); variance /= n - 1;
        if (variance <= 0) variance = 1e-6;
        var resp = new double[n * k];
        InitialiseWithKMeans(x, k, resp);
        double previous = double.NegativeInfinity;
        for (Iterations = 1; Iterations <= MaxIterations; Iterations++)
        {
            MaximisationStep(x, k, resp, mean, variance);
            double logLikelihood = ExpectationStep(x, k, resp);
            if (Math.Abs(logLikelihood - previous) * n < Tolerance) break;
            previous = logLikelihood;
        }
        MaximisationStep(x, k, resp, mean, variance);
        ComputeWeights(k);
        return this;
    }

    /// <summary>Writes the posterior probability of each component for value <paramref name="x"/> into <paramref name="probabilities"/>.</summary>
    public void Posterior(double x, Span<double> probabilities)
    {
        int k = Means.Length;
        double max = double.NegativeInfinity;
        for (int j = 0; j < k; j++)
        {
            probabilities[j] = LogJoint(x, j);
            if (probabilities[j] > max) max = probabilities[j];
        }
        double sum = 0;
        for (int j = 0; j < k; j++) { probabilities[j] = Math.Exp(probabilities[j] - max); sum += probabilities[j]; }
        for (int j = 0; j < k; j++) probabilities[j] /= sum;
    }

    /// <summary>Restores a fitted mixture from its parameters (for a saved model).</summary>
    public static BayesianGaussianMixture FromParameters(double[] weights, double[] means, double[] variances, double[] alpha,
        double[] beta, double[] meanPrecision, double[] degreesOfFreedom)
    {
        var m = new BayesianGaussianMixture(weights.Length)
        {
            Weights = weights, Means = means, Variances = variances,
            alpha = alpha, beta = beta, meanPrecision = meanPrecision, degreesOfFreedom = degreesOfFreedom,
        };
        m.PrepareLogTerms(weights.Length);
        return m;
    }

    /// <summary>The variational parameters needed by <see cref="FromParameters"/>.</summary>
    public (double[] Alpha, double[] Beta, double[] MeanPrecision, double[] DegreesOfFreedom) VariationalParameters =>
        (alpha, beta, meanPrecision, degreesOfFreedom);

    /// <summary>Deterministic 1-D k-means (centres started at quantiles), then hard responsibilities.</summary>
    private static void InitialiseWithKMeans(ReadOnlySpan<double> x, int k, double[] resp)
    {
        int n = x.Length;
        var sorted = x.ToArray();
        Array.Sort(sorted);
        var centres = new double[k];
        for (int j = 0; j < k; j++) centres[j] = sorted[(int)((j + 0.5) * n / k)];
        var label = new int[n];
        var sum = new double[k];
        var count = new int[k];
        for (int iteration = 0; iteration < 30; iteration++)
        {
            Array.Clear(sum); Array.Clear(count);
            bool changed = false;
            for (int i = 0; i < n; i++)
            {
                int best = 0; double bestDistance = double.PositiveInfinity;
                for (int j = 0; j < k; j++)
                {
                    double d = Math.Abs(x[i] - centres[j]);
                    if (d < bestDistance) { bestDistance = d; best = j; }
                }
                if (label[i] != best) { changed = true; label[i] = best; }
                sum[best] += x[i]; count[best]++;
            }
            for (int j = 0; j < k; j++) if (count[j] > 0) centres[j] = sum[j] / count[j];
            if (!changed && iteration > 0) break;
        }
        for (int i = 0; i < n; i++) resp[i * k + label[i]] = 1.0;
    }

    /// <summary>Updates the variational posterior from the responsibilities (Bishop Eq. 10.51–10.63; stick-breaking Beta posteriors).</summary>
    private void MaximisationStep(ReadOnlySpan<double> x, int k, double[] resp, double priorMean, double priorVariance)
    {
        const double priorMeanPrecision = 1.0, priorDegrees = 1.0;
        int n = x.Length;
        var nk = new double[k];
        var xk = new double[k];
        var sk = new double[k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) { double r = resp[i * k + j]; nk[j] += r; xk[j] += r * x[i]; }
        for (int j = 0; j < k; j++) { nk[j] += 10 * 2.220446049250313e-16; xk[j] /= nk[j]; }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) { double d = x[i] - xk[j]; sk[j] += resp[i * k + j] * d * d; }
        alpha = new double[k]; beta = new double[k]; meanPrecision = new double[k]; degreesOfFreedom = new double[k];
        Means = new double[k]; Variances = new double[k];
        double tail = 0;
        for (int j = k - 1; j >= 0; j--)
        {
            sk[j] = sk[j] / nk[j] + 1e-6;
            alpha[j] = 1.0 + nk[j];
            beta[j] = WeightConcentrationPrior + tail;
            tail += nk[j];
            meanPrecision[j] = priorMeanPrecision + nk[j];
            Means[j] = (priorMeanPrecision * priorMean + nk[j] * xk[j]) / meanPrecision[j];
            degreesOfFreedom[j] = priorDegrees + nk[j];
            double d = xk[j] - priorMean;
            double scaleInverse = priorVariance + nk[j] * sk[j] + nk[j] * priorMeanPrecision / meanPrecision[j] * d * d;
            Variances[j] = scaleInverse / degreesOfFreedom[j];
        }
        PrepareLogTerms(k);
    }

    /// <summary>E[log π_k] under the stick-breaking posterior and the precision terms of E[log N(x | μ_k, Λ_k)].</summary>
    private void PrepareLogTerms(int k)
    {
        logWeights = new double[k];
        logPrecisionTerm = new double[k];
        double previousSticks = 0;
        for (int j = 0; j < k; j++)
        {
            double digammaSum = SpecialFunctions.DiGamma(alpha[j] + beta[j]);
            logWeights[j] = SpecialFunctions.DiGamma(alpha[j]) - digammaSum + previousSticks;
            previousSticks += SpecialFunctions.DiGamma(beta[j]) - digammaSum;
            // E[log Λ] = ψ(ν/2) + log 2 + log W (Bishop Eq. 10.65); with W = 1/(ν·var) the log W part is −log(ν·var).
            logPrecisionTerm[j] = 0.5 * (SpecialFunctions.DiGamma(0.5 * degreesOfFreedom[j]) + Math.Log(2.0) - 1.0 / meanPrecision[j])
                                  - 0.5 * Math.Log(degreesOfFreedom[j]) - 0.5 * Math.Log(Variances[j]);
        }
    }

    /// <summary>E[log π_j] + E[log N(x | μ_j, Λ_j)] (Bishop Eq. 10.46, one dimension).</summary>
    private double LogJoint(double x, int j)
    {
        double d = x - Means[j];
        return logWeights[j] - 0.5 * (Log2Pi + d * d / Variances[j]) + logPrecisionTerm[j];
    }

    /// <summary>Responsibilities from the current posterior; returns the mean log normaliser (a convergence measure).</summary>
    private double ExpectationStep(ReadOnlySpan<double> x, int k, double[] resp)
    {
        int n = x.Length;
        double total = 0;
        Span<double> row = stackalloc double[k];
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < k; j++) { row[j] = LogJoint(x[i], j); if (row[j] > max) max = row[j]; }
            double sum = 0;
            for (int j = 0; j < k; j++) { row[j] = Math.Exp(row[j] - max); sum += row[j]; }
            for (int j = 0; j < k; j++) resp[i * k + j] = row[j] / sum;
            total += max + Math.Log(sum);
        }
        return total / n;
    }

    /// <summary>Expected weights of the stick-breaking construction: E[v_k] Π_{j&lt;k} E[1 − v_j].</summary>
    private void ComputeWeights(int k)
    {
        Weights = new double[k];
        double remaining = 1, sum = 0;
        for (int j = 0; j < k; j++)
        {
            double v = alpha[j] / (alpha[j] + beta[j]);
            Weights[j] = v * remaining;
            remaining *= 1 - v;
            sum += Weights[j];
        }
        for (int j = 0; j < k; j++) Weights[j] /= sum;
    }
}
