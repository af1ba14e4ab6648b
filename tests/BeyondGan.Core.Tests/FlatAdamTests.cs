using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.Regularizers;
using BeyondGan.Toy;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Core.Tests;

public class FlatAdamTests
{
    /// <summary>WGAN-GP with BatchNorm, dropout, weight decay and an EMA: every parameter gets a gradient at every step.</summary>
    private static float[] Train(OptimizerKind kind, int steps)
    {
        Seeding.Seed(4);
        var g = new MlpGenerator(3, new[] { 16, 16 }, 2, batchNorm: true);
        var d = new MlpCritic(2, new[] { 16, 16 }, Activation.LeakyReLU, pack: 2, dropout: 0.3);
        var spec = new OptimizerSpec { Kind = kind, LearningRate = 1e-3, Beta1 = 0.5, Beta2 = 0.9, WeightDecay = 1e-3 };
        using var t = new GanTrainer<MlpGenerator, MlpCritic>(g, d, new WassersteinLoss(), GaussianMixture2D.Grid(),
            new GanTrainerOptions { BatchSize = 16, CriticSteps = 2, Seed = 4, ReuseCriticFakes = true, GeneratorOptimizer = spec, CriticOptimizer = spec },
            new GanRegularizer[] { new GradientPenalty(10, 0.5), new GeneratorEma(0.9) });
        t.Train(steps);
        return TestNets.AllWeights(g).Concat(TestNets.AllWeights(d)).Concat(TestNets.Flatten(t.Sample(8, seed: 1))).ToArray();
    }

    [Fact]
    public void Trains_to_the_same_weights_as_Adam()
    {
        var adam = Train(OptimizerKind.Adam, 30);
        var flat = Train(OptimizerKind.FlatAdam, 30);
        Assert.Equal(adam, flat);
        Assert.NotEqual(Train(OptimizerKind.Adam, 29), flat); // 30 steps really moved the weights
    }

    [Fact]
    public void Parameters_keep_their_values_and_stay_usable_after_the_optimiser_is_disposed()
    {
        Seeding.Seed(1);
        var net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1));
        var before = TestNets.AllWeights(net);
        var x = randn(5, 4);
        var optimizer = new FlatAdam(net.parameters(), lr: 0.1);
        Assert.Equal(before, TestNets.AllWeights(net)); // moving into the buffer changes no value
        Assert.Equal(4 * 8 + 8 + 8 + 1, optimizer.Count);
        for (int i = 0; i < 3; i++)
        {
            optimizer.zero_grad();
            net.call(x).square().sum().backward();
            optimizer.step();
        }
        var trained = TestNets.AllWeights(net);
        Assert.NotEqual(before, trained);
        optimizer.Dispose();
        Assert.Equal(trained, TestNets.AllWeights(net));
        using var _ = no_grad();
        Assert.Equal(new long[] { 5, 1 }, net.call(x).shape);
    }

    [Fact]
    public void Every_gradient_is_zero_after_zero_grad_and_backward_adds_into_it()
    {
        Seeding.Seed(2);
        var layer = nn.Linear(3, 2);
        var optimizer = new FlatAdam(layer.parameters());
        var x = ones(1, 3);
        layer.call(x).sum().backward();
        layer.call(x).sum().backward(); // accumulates: d(sum)/dW = 1 per backward
        Assert.All(TestNets.Flatten(layer.weight!.grad!), v => Assert.Equal(2f, v));
        optimizer.zero_grad();
        Assert.All(layer.parameters(), p => Assert.All(TestNets.Flatten(p.grad!), v => Assert.Equal(0f, v)));
    }

    [Fact]
    public void Rejects_an_empty_parameter_list() =>
        Assert.Throws<ArgumentException>(() => new FlatAdam(Array.Empty<TorchSharp.Modules.Parameter>()));
}
