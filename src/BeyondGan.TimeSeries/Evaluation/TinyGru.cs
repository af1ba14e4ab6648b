namespace BeyondGan.TimeSeries.Evaluation;

/// <summary>
/// A one-layer GRU with a linear output, trained by backpropagation through time and Adam, in managed code. Written
/// here (not with TorchSharp) because the protocol's post-hoc networks are tiny — ⌊features/2⌋ units, 2–14 — and
/// libtorch's per-operation overhead made one iteration cost ~14 ms where the arithmetic is a few microseconds; the
/// full evaluation (both scores, five repeats) has to fit in a minute. The cell is TensorFlow 1's <c>GRUCell</c>, as
/// the released TimeGAN evaluation used it (Cho et al. 2014, the reset gate applied to the state before the
/// candidate's product): r, u = σ([x, h]·W_g + b_g), c = tanh([x, r ⊙ h]·W_c + b_c), h' = u ⊙ h + (1 − u) ⊙ c; kernels
/// Glorot-uniform, gate biases 1, candidate and output biases 0; Adam as TensorFlow 1 applies it (lr 1e-3, β 0.9 / 0.999,
/// ε 1e-8). Sequences shorter than the batch's length stop updating their state at their end (as <c>dynamic_rnn</c>).
/// </summary>
internal sealed class TinyGru
{
    private readonly int d, n;
    // Parameters, flat: W_g [(d+n) × 2n], b_g [2n], W_c [(d+n) × n], b_c [n], w_o [n], b_o [1].
    private readonly double[] p;
    private readonly double[] m, v;
    private readonly int wg, bg, wc, bc, wo, bo;
    private long t;

    public TinyGru(int inputs, int hidden, Random rng)
    {
        d = inputs;
        n = hidden;
        wg = 0; bg = wg + (d + n) * 2 * n; wc = bg + 2 * n; bc = wc + (d + n) * n; wo = bc + n; bo = wo + n;
        p = new double[bo + 1];
        Glorot(wg, d + n, 2 * n, rng);
        for (int i = 0; i < 2 * n; i++) p[bg + i] = 1.0;
        Glorot(wc, d + n, n, rng);
        Glorot(wo, n, 1, rng);
        m = new double[p.Length];
        v = new double[p.Length];
    }

    private void Glorot(int at, int fanIn, int fanOut, Random rng)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < fanIn * fanOut; i++) p[at + i] = (rng.NextDouble() * 2 - 1) * limit;
    }

    /// <summary>Activations of one sequence kept for the backward pass.</summary>
    private sealed class Trace(int steps, int d, int n)
    {
        public readonly double[] X = new double[steps * d];
        public readonly double[] H = new double[(steps + 1) * n];   // H[0] = initial zero state
        public readonly double[] R = new double[steps * n], U = new double[steps * n], C = new double[steps * n];
        public int Steps;
    }

    /// <summary>Runs the cell over <paramref name="steps"/> steps of <paramref name="x"/> (step-major, <c>d</c> floats each) from <paramref name="at"/>.</summary>
    private void Forward(float[] x, long at, int stride, int offset, int steps, Trace trace)
    {
        trace.Steps = steps;
        Array.Clear(trace.H, 0, n);
        Span<double> gate = stackalloc double[2 * n];
        Span<double> cand = stackalloc double[n];
        for (int s = 0; s < steps; s++)
        {
            for (int k = 0; k < d; k++) trace.X[s * d + k] = x[at + (long)s * stride + offset + k];
            int h0 = s * n, h1 = (s + 1) * n;
            for (int j = 0; j < 2 * n; j++)
            {
                double g = p[bg + j];
                for (int k = 0; k < d; k++) g += trace.X[s * d + k] * p[wg + k * 2 * n + j];
                for (int k = 0; k < n; k++) g += trace.H[h0 + k] * p[wg + (d + k) * 2 * n + j];
                gate[j] = 1 / (1 + Math.Exp(-g));
            }
            for (int j = 0; j < n; j++)
            {
                double c = p[bc + j];
                for (int k = 0; k < d; k++) c += trace.X[s * d + k] * p[wc + k * n + j];
                for (int k = 0; k < n; k++) c += gate[k] * trace.H[h0 + k] * p[wc + (d + k) * n + j];
                cand[j] = Math.Tanh(c);
            }
            for (int j = 0; j < n; j++)
            {
                double r = gate[j], u = gate[n + j];
                trace.R[h0 + j] = r;
                trace.U[h0 + j] = u;
                trace.C[h0 + j] = cand[j];
                trace.H[h1 + j] = u * trace.H[h0 + j] + (1 - u) * cand[j];
            }
        }
    }

    private double Output(ReadOnlySpan<double> h)
    {
        double y = p[bo];
        for (int k = 0; k < n; k++) y += h[k] * p[wo + k];
        return y;
    }

    /// <summary>Backpropagates <paramref name="outputGrad"/> (d loss / d linear output at each step; 0 where unused) into <paramref name="grad"/>.</summary>
    private void Backward(Trace trace, ReadOnlySpan<double> outputGrad, double[] grad)
    {
        int steps = trace.Steps;
        Span<double> dh = stackalloc double[n];
        Span<double> dPrev = stackalloc double[n];
        Span<double> dcPre = stackalloc double[n];
        Span<double> dgPre = stackalloc double[2 * n];
        Span<double> drh = stackalloc double[n];
        dh.Clear();
        for (int s = steps - 1; s >= 0; s--)
        {
            int h0 = s * n, h1 = (s + 1) * n;
            double go = outputGrad[s];
            if (go != 0)
            {
                for (int k = 0; k < n; k++) { grad[wo + k] += go * trace.H[h1 + k]; dh[k] += go * p[wo + k]; }
                grad[bo] += go;
            }
            dPrev.Clear();
            for (int j = 0; j < n; j++)
            {
                double u = trace.U[h0 + j], c = trace.C[h0 + j], hPrev = trace.H[h0 + j];
                dcPre[j] = dh[j] * (1 - u) * (1 - c * c);
                dgPre[n + j] = dh[j] * (hPrev - c) * u * (1 - u);
                dPrev[j] += dh[j] * u;
            }
            // Candidate: c = tanh([x, r ⊙ h]·W_c + b_c).
            drh.Clear();
            for (int j = 0; j < n; j++)
            {
                double g = dcPre[j];
                if (g == 0) continue;
                grad[bc + j] += g;
                for (int k = 0; k < d; k++) grad[wc + k * n + j] += trace.X[s * d + k] * g;
                for (int k = 0; k < n; k++)
                {
                    grad[wc + (d + k) * n + j] += trace.R[h0 + k] * trace.H[h0 + k] * g;
                    drh[k] += p[wc + (d + k) * n + j] * g;
                }
            }
            for (int k = 0; k < n; k++)
            {
                double r = trace.R[h0 + k];
                dPrev[k] += drh[k] * r;
                dgPre[k] = drh[k] * trace.H[h0 + k] * r * (1 - r);
            }
            // Gates: [r, u] = σ([x, h]·W_g + b_g).
            for (int j = 0; j < 2 * n; j++)
            {
                double g = dgPre[j];
                if (g == 0) continue;
                grad[bg + j] += g;
                for (int k = 0; k < d; k++) grad[wg + k * 2 * n + j] += trace.X[s * d + k] * g;
                for (int k = 0; k < n; k++)
                {
                    grad[wg + (d + k) * 2 * n + j] += trace.H[h0 + k] * g;
                    dPrev[k] += p[wg + (d + k) * 2 * n + j] * g;
                }
            }
            dPrev.CopyTo(dh);
        }
    }

    private void AdamStep(double[] grad)
    {
        const double lr = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        t++;
        double step = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
        for (int i = 0; i < p.Length; i++)
        {
            m[i] = b1 * m[i] + (1 - b1) * grad[i];
            v[i] = b2 * v[i] + (1 - b2) * grad[i] * grad[i];
            p[i] -= step * m[i] / (Math.Sqrt(v[i]) + eps);
        }
    }

    /// <summary>
    /// One classifier step: logit = the output at each sequence's last step; sigmoid cross-entropy, the mean over the
    /// real sequences (label 1) plus the mean over the synthetic ones (label 0), as the protocol sums its two losses.
    /// </summary>
    public void ClassifierStep(WindowSet real, int[] realBatch, WindowSet fake, int[] fakeBatch)
    {
        var grad = new double[p.Length];
        var trace = new Trace(real.Length, d, n);
        var outputGrad = new double[real.Length];
        foreach (var (set, batch, label) in new[] { (real, realBatch, 1.0), (fake, fakeBatch, 0.0) })
            foreach (int i in batch)
            {
                int steps = set.Lengths[i];
                Forward(set.Values, (long)i * set.Length * set.Features, set.Features, 0, steps, trace);
                double logit = Output(trace.H.AsSpan(steps * n, n));
                Array.Clear(outputGrad);
                outputGrad[steps - 1] = (1 / (1 + Math.Exp(-logit)) - label) / batch.Length;
                Backward(trace, outputGrad, grad);
            }
        AdamStep(grad);
    }

    /// <summary>The classifier's probability that sequence <paramref name="i"/> is real.</summary>
    public double Probability(WindowSet set, int i)
    {
        var trace = new Trace(set.Length, d, n);
        Forward(set.Values, (long)i * set.Length * set.Features, set.Features, 0, set.Lengths[i], trace);
        return 1 / (1 + Math.Exp(-Output(trace.H.AsSpan(set.Lengths[i] * n, n))));
    }

    /// <summary>
    /// One regressor step: from the first d features of steps 0…n−2, σ(output) predicts the last feature of steps
    /// 1…n−1; the loss is the mean absolute error over every predicted step of the batch.
    /// </summary>
    public void RegressorStep(WindowSet set, int[] batch)
    {
        var grad = new double[p.Length];
        var trace = new Trace(set.Length, d, n);
        var outputGrad = new double[set.Length];
        long count = batch.Sum(i => (long)Math.Max(0, set.Lengths[i] - 1));
        foreach (int i in batch)
        {
            int steps = set.Lengths[i] - 1;
            if (steps < 1) continue;
            long at = (long)i * set.Length * set.Features;
            Forward(set.Values, at, set.Features, 0, steps, trace);
            Array.Clear(outputGrad);
            for (int s = 0; s < steps; s++)
            {
                double y = 1 / (1 + Math.Exp(-Output(trace.H.AsSpan((s + 1) * n, n))));
                double target = set.Values[at + (long)(s + 1) * set.Features + d];
                // d|y − target| / d logit = sign(y − target) · y (1 − y), averaged over the batch's predicted steps.
                outputGrad[s] = Math.Sign(y - target) * y * (1 - y) / count;
            }
            Backward(trace, outputGrad, grad);
        }
        AdamStep(grad);
    }

    /// <summary>The regressor's mean absolute error over the predicted steps of sequence <paramref name="i"/>.</summary>
    public double RegressorError(WindowSet set, int i)
    {
        int steps = set.Lengths[i] - 1;
        if (steps < 1) return 0;
        long at = (long)i * set.Length * set.Features;
        var trace = new Trace(set.Length, d, n);
        Forward(set.Values, at, set.Features, 0, steps, trace);
        double error = 0;
        for (int s = 0; s < steps; s++)
        {
            double y = 1 / (1 + Math.Exp(-Output(trace.H.AsSpan((s + 1) * n, n))));
            error += Math.Abs(y - set.Values[at + (long)(s + 1) * set.Features + d]);
        }
        return error / steps;
    }
}
