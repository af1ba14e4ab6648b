namespace BeyondGan.TimeSeries.Evaluation;

/// <summary>
/// The TimeGAN protocol's two scores (Yoon et al. 2019, as its released evaluation code computes them; REFERENCES §3),
/// each from a small GRU trained after the fact (<see cref="TinyGru"/>: TensorFlow 1's GRUCell, Adam 1e-3):
/// <list type="bullet">
/// <item><b>discriminative</b>: a 1-layer GRU with ⌊features/2⌋ units (at least 1) and a linear output on its last
/// state learns to tell real from synthetic sequences — 2,000 iterations of 128 real and 128 synthetic training
/// sequences, both sets split 80/20 — and the score is |accuracy on the held-out 20 % − 0.5| (0 = indistinguishable).</item>
/// <item><b>predictive</b> (train on synthetic, test on real): a 1-layer GRU with ⌊features/2⌋ units and a sigmoid
/// output learns, from every feature but the last, the last feature one step ahead at every step — 5,000 iterations
/// of 128 synthetic sequences, mean absolute error loss — and the score is its mean absolute error on all the real
/// sequences, per sequence then averaged (lower is better; the real data's own score is the floor).</item>
/// </list>
/// Both sets must be scaled as the protocol scales them (<see cref="WindowSet.MinMaxByFirst"/>). The same sets and
/// seed give the same score.
/// </summary>
public static class PostHocScores
{
    /// <summary>Iterations of the discriminative score's classifier (the protocol's 2,000).</summary>
    public const int DiscriminatorIterations = 2_000;
    /// <summary>Iterations of the predictive score's regressor (the protocol's 5,000).</summary>
    public const int PredictorIterations = 5_000;
    /// <summary>Sequences per batch (the protocol's 128).</summary>
    public const int BatchSize = 128;

    /// <summary>The discriminative score of <paramref name="synthetic"/> against <paramref name="real"/>.</summary>
    public static double Discriminative(WindowSet real, WindowSet synthetic, long seed, int iterations = DiscriminatorIterations)
    {
        if (real.Features != synthetic.Features) throw new ArgumentException($"Real sequences have {real.Features} features, synthetic ones {synthetic.Features}.");
        if (real.Length != synthetic.Length) throw new ArgumentException($"Real sequences have {real.Length} steps, synthetic ones {synthetic.Length}; the scores compare windows of one length.");
        var rng = new Random(unchecked((int)seed));
        var (realTrain, realTest) = Split(real.Count, rng);
        var (fakeTrain, fakeTest) = Split(synthetic.Count, rng);
        var model = new TinyGru(real.Features, Math.Max(1, real.Features / 2), rng);
        for (int i = 0; i < iterations; i++) model.ClassifierStep(real, Batch(realTrain, rng), synthetic, Batch(fakeTrain, rng));
        double correct = realTest.Count(i => model.Probability(real, i) > 0.5) + fakeTest.Count(i => model.Probability(synthetic, i) <= 0.5);
        return Math.Abs(correct / (realTest.Length + fakeTest.Length) - 0.5);
    }

    /// <summary>The predictive score: a model trained on <paramref name="train"/> (synthetic), tested on <paramref name="test"/> (real).</summary>
    public static double Predictive(WindowSet train, WindowSet test, long seed, int iterations = PredictorIterations)
    {
        if (train.Features != test.Features) throw new ArgumentException($"The sets have {train.Features} and {test.Features} features.");
        if (train.Features < 2) throw new ArgumentException("The predictive score needs at least two features (it predicts the last from the others).");
        var rng = new Random(unchecked((int)seed));
        var model = new TinyGru(train.Features - 1, Math.Max(1, train.Features / 2), rng);
        var pool = Enumerable.Range(0, train.Count).ToArray();
        for (int i = 0; i < iterations; i++) model.RegressorStep(train, Batch(pool, rng));
        return Enumerable.Range(0, test.Count).Average(i => model.RegressorError(test, i));
    }

    private static (int[] Train, int[] Test) Split(int count, Random rng)
    {
        var order = Enumerable.Range(0, count).ToArray();
        rng.Shuffle(order);
        int train = Math.Clamp((int)(count * 0.8), 1, Math.Max(1, count - 1));
        return (order[..train], order[train..].Length > 0 ? order[train..] : order[..1]);
    }

    /// <summary>A random batch of <see cref="BatchSize"/> distinct indices (all of them when there are fewer), as the protocol draws.</summary>
    private static int[] Batch(int[] pool, Random rng)
    {
        int n = Math.Min(BatchSize, pool.Length);
        var pick = new int[n];
        var chosen = new HashSet<int>();
        for (int i = 0; i < n; i++)
        {
            int j;
            do j = pool[rng.Next(pool.Length)]; while (!chosen.Add(j));
            pick[i] = j;
        }
        return pick;
    }
}
