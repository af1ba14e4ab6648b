using BeyondGan.Losses;
using static TorchSharp.torch;

namespace BeyondGan.Core.Tests;

public class LossTests
{
    // Scores r = [1, −1], f = [0.5, −2]; hand computations with softplus(x) = log(1 + e^x).
    private static readonly float[] Real = { 1f, -1f };
    private static readonly float[] Fake = { 0.5f, -2f };

    private static double Softplus(double x) => Math.Log(1 + Math.Exp(x));
    private static double Value(Tensor t) => t.item<float>();

    private static (Tensor R, Tensor F) Scores() => (tensor(Real), tensor(Fake));

    [Fact]
    public void Minimax_matches_hand_computation()
    {
        var (r, f) = Scores();
        var loss = new MinimaxLoss();
        double d = (Softplus(-1) + Softplus(1)) / 2 + (Softplus(0.5) + Softplus(-2)) / 2;
        double g = -(Softplus(0.5) + Softplus(-2)) / 2;
        Assert.Equal(d, Value(loss.CriticLoss(r, f)), 5);
        Assert.Equal(g, Value(loss.GeneratorLoss(null, f)), 5);
    }

    [Fact]
    public void Non_saturating_generator_loss_is_minus_log_sigmoid()
    {
        var (_, f) = Scores();
        double g = (Softplus(-0.5) + Softplus(2)) / 2;
        Assert.Equal(g, Value(new NonSaturatingLoss().GeneratorLoss(null, f)), 5);
    }

    [Fact]
    public void Label_smoothing_changes_only_the_real_term()
    {
        var (r, f) = Scores();
        var loss = new NonSaturatingLoss { RealTarget = 0.9 };
        double real = (0.9 * Softplus(-1) + 0.1 * Softplus(1) + 0.9 * Softplus(1) + 0.1 * Softplus(-1)) / 2;
        double fake = (Softplus(0.5) + Softplus(-2)) / 2;
        Assert.Equal(real + fake, Value(loss.CriticLoss(r, f)), 5);
    }

    [Fact]
    public void Wasserstein_is_difference_of_means()
    {
        var (r, f) = Scores();
        var loss = new WassersteinLoss();
        Assert.Equal(-0.75 - 0.0, Value(loss.CriticLoss(r, f)), 5);
        Assert.Equal(0.75, Value(loss.GeneratorLoss(null, f)), 5);
    }

    [Fact]
    public void Hinge_matches_hand_computation()
    {
        var (r, f) = Scores();
        var loss = new HingeLoss();
        // relu(1 − r) = [0, 2] → 1; relu(1 + f) = [1.5, 0] → 0.75
        Assert.Equal(1.75, Value(loss.CriticLoss(r, f)), 5);
        Assert.Equal(0.75, Value(loss.GeneratorLoss(null, f)), 5);
    }

    [Fact]
    public void Least_squares_matches_hand_computation()
    {
        var (r, f) = Scores();
        var loss = new LeastSquaresLoss();
        // ½ mean([0, 4]) + ½ mean([0.25, 4]) = 1 + 1.0625
        Assert.Equal(2.0625, Value(loss.CriticLoss(r, f)), 5);
        // ½ mean([0.25, 9]) = 2.3125
        Assert.Equal(2.3125, Value(loss.GeneratorLoss(null, f)), 5);
    }

    [Fact]
    public void Relativistic_average_matches_hand_computation()
    {
        var (r, f) = Scores();
        var loss = new RelativisticAverageLoss();
        double meanR = 0, meanF = -0.75;
        double d = (Softplus(-(1 - meanF)) + Softplus(-(-1 - meanF))) / 2 + (Softplus(0.5 - meanR) + Softplus(-2 - meanR)) / 2;
        double g = (Softplus(1 - meanF) + Softplus(-1 - meanF)) / 2 + (Softplus(-(0.5 - meanR)) + Softplus(-(-2 - meanR))) / 2;
        Assert.Equal(d, Value(loss.CriticLoss(r, f)), 5);
        Assert.Equal(g, Value(loss.GeneratorLoss(r, f)), 5);
        Assert.True(loss.GeneratorNeedsRealScores);
    }

    [Fact]
    public void Relativistic_standard_pairs_each_real_with_its_generated_sample()
    {
        var (r, f) = Scores();   // real [1, −1], fake [0.5, −2]
        var loss = new RelativisticStandardLoss();
        Assert.Equal((Softplus(0.5 - 1) + Softplus(-2 + 1)) / 2, Value(loss.CriticLoss(r, f)), 5);
        Assert.Equal((Softplus(1 - 0.5) + Softplus(-1 + 2)) / 2, Value(loss.GeneratorLoss(r, f)), 5);
        Assert.True(loss.GeneratorNeedsRealScores);
    }

    [Fact]
    public void Catalog_knows_every_name_and_refuses_unknown()
    {
        foreach (var name in LossCatalog.Names) Assert.NotNull(LossCatalog.Create(name).Loss);
        Assert.IsType<Regularizers.GradientPenalty>(LossCatalog.Create("wgan-gp").Constraint);
        Assert.IsType<Regularizers.WeightClipping>(LossCatalog.Create("wgan").Constraint);
        var e = Assert.Throws<ArgumentException>(() => LossCatalog.Create("nope"));
        Assert.Contains("Unknown loss 'nope'", e.Message);
    }
}
