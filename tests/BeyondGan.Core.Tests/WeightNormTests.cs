using BeyondGan.Layers;
using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.Toy;
using BeyondGan.Training;
using static TorchSharp.torch;

namespace BeyondGan.Core.Tests;

public class WeightNormTests
{
    [Fact]
    public void Weight_norm_starts_at_the_plain_weight_and_splits_length_from_direction()
    {
        manual_seed(2);
        using var plain = new UnfoldConv1d(3, 4, 5);
        manual_seed(2);
        using var normed = new UnfoldConv1d(3, 4, 5, weightNorm: true);
        Assert.True(plain.Weight.allclose(normed.Weight, 1e-6, 1e-6));
        var names = normed.named_parameters().Select(p => p.name).OrderBy(n => n).ToArray();
        Assert.Equal(new[] { "bias", "norm.direction", "norm.magnitude" }, names);
        using var norm = new WeightNorm(tensor(new float[] { 3, 4, 0, 0, 0, 2 }, [2, 3]));
        var g = norm.named_parameters().Single(p => p.name == "magnitude").parameter;
        Assert.Equal(new float[] { 5, 2 }, g.data<float>().ToArray());
        // Scaling the direction changes nothing; the gradient reaches both parameters.
        var w = norm.Weight();
        Assert.Equal(new float[] { 3, 4, 0, 0, 0, 2 }, w.data<float>().ToArray());
        w.sum().backward();
        Assert.All(norm.parameters(), p => Assert.NotNull(p.grad));
        // dL/dg for L = Σw is Σ(v/‖v‖) per row: (3 + 4)/5 and 2/2.
        Assert.True(g.grad!.allclose(tensor(new float[] { 7f / 5, 1 }).view(2, 1), 1e-6, 1e-6));
    }

    [Fact]
    public void A_transposed_convolution_normalises_per_output_channel()
    {
        manual_seed(4);
        using var conv = new FoldConvTranspose1d(3, 2, 4, stride: 2, padding: 1, weightNorm: true);
        manual_seed(4);
        using var plain = new FoldConvTranspose1d(3, 2, 4, stride: 2, padding: 1);
        using var x = randn(2, 3, 7);
        Assert.True(conv.call(x).allclose(plain.call(x), 1e-5, 1e-6));
        var g = conv.named_parameters().Single(p => p.name == "norm.magnitude").parameter;
        Assert.Equal(new long[] { 1, 2, 1 }, g.shape);
    }

    private sealed class TwoPartCritic : Critic
    {
        private readonly TorchSharp.Modules.Linear a = nn.Linear(2, 1), b = nn.Linear(2, 3);
        public TwoPartCritic() : base(nameof(TwoPartCritic))
        {
            // Constant scores: part one says 1 (a "real" verdict), part two 0, whatever the input.
            using (no_grad())
            {
                a.weight!.zero_(); a.bias!.fill_(1);
                b.weight!.zero_(); b.bias!.zero_();
            }
            RegisterComponents();
        }
        public override Tensor forward(Tensor x, Tensor? c) => cat(new[] { a.call(x), b.call(x) }, 1);
        public override IReadOnlyList<Tensor> ScoreParts(Tensor scores) => scores.split([1, 3], 1);
    }

    private sealed class SeesReal : IGeneratorObjective
    {
        public long RealRows;
        public string Name => "sees_real";
        public Tensor Loss(GeneratorObjectiveInputs inputs)
        {
            RealRows = inputs.Real?.shape[0] ?? -1;
            return inputs.Generator.call(inputs.Z, inputs.Condition).square().mean();
        }
    }

    [Fact]
    public void The_trainer_sums_the_loss_over_score_parts_and_shows_an_objective_the_real_batch()
    {
        manual_seed(1);
        using var g = new MlpGenerator(2, [8], 2);
        using var d = new TwoPartCritic();
        var objective = new SeesReal();
        using var t = new GanTrainer<MlpGenerator, TwoPartCritic>(g, d, new LeastSquaresLoss(), GaussianMixture2D.Grid(),
            new GanTrainerOptions { BatchSize = 16, Seed = 3 }, generatorObjective: objective);
        t.Train(1);
        Assert.Equal(16, objective.RealRows);
        // Least squares per part: part one ½(1 − 1)² + ½·1² = ½, part two ½(0 − 1)² + ½·0² = ½; summed 1. On the whole
        // concatenation it would be ½·¾ + ½·¼ = ½.
        Assert.Equal(1.0, t.History.Last("critic_adversarial")!.Value, 6);
    }
}
