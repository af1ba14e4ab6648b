using BeyondGan.Discrete;
using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Core.Tests;

public class PolicyGradientTests
{
    /// <summary>Three independent binary choices with learnable logits; a rollout fills the rest with choice 0 (deterministic, so Q is computable by hand).</summary>
    private sealed class ThreeChoices : BeyondGan.Modules.Generator, IPolicyGenerator
    {
        public readonly TorchSharp.Modules.Parameter Logits = nn.Parameter(zeros(3, 2));

        public ThreeChoices() : base(nameof(ThreeChoices)) => RegisterComponents();

        public int Positions => 3;
        public override int LatentSize => 1;

        public override Tensor forward(Tensor z, Tensor? c) => SampleWithLogProbabilities(z, c, new TorchSharp.torch.Generator(0)).Sample;

        public (Tensor Sample, Tensor LogProbabilities) SampleWithLogProbabilities(Tensor z, Tensor? condition, TorchSharp.torch.Generator rng)
        {
            var probabilities = Logits.softmax(1).expand(z.shape[0], 3, 2);
            var choice = multinomial(probabilities.detach().reshape(-1, 2), 1, generator: rng).reshape(z.shape[0], 3);
            var logp = Logits.log_softmax(1).expand(z.shape[0], 3, 2).gather(2, choice.unsqueeze(2)).squeeze(2);
            return (nn.functional.one_hot(choice, 2).to(ScalarType.Float32), logp);
        }

        public IEnumerable<Tensor> Rollouts(Tensor sample, int count, Tensor? condition, TorchSharp.torch.Generator rng)
        {
            for (int prefix = 1; prefix < Positions; prefix++)
            {
                var filled = sample.clone();
                filled[TensorIndex.Colon, TensorIndex.Slice(prefix), TensorIndex.Colon] = tensor(new[] { 1f, 0f });
                yield return cat(Enumerable.Repeat(filled, count).ToArray(), 0);
            }
        }
    }

    private sealed class OneHotOnes : IBatchSource
    {
        public Batch Next(int batchSize, TorchSharp.torch.Generator rng, Device device) =>
            new(nn.functional.one_hot(ones(batchSize, 3, dtype: ScalarType.Int64), 2).to(ScalarType.Float32));
    }

    // Score w·x over the flattened one-hots: choice 1 at position p adds (p + 1), choice 0 adds 0.
    private static readonly float[] Weights = [0, 1, 0, 2, 0, 3];

    [Fact]
    public void Action_values_are_the_rewards_of_the_rollouts_by_hand()
    {
        var policy = new ThreeChoices();
        var critic = new LinearCritic(Weights);
        var sample = nn.functional.one_hot(tensor(new long[,] { { 1, 1, 1 }, { 0, 1, 0 } }), 2).to(ScalarType.Float32);
        using var rng = new TorchSharp.torch.Generator(1);
        var q = new PolicyGradient(rollouts: 3).ActionValues(policy, critic, sample, null, rng);
        static double S(double x) => 1 / (1 + Math.Exp(-x));
        // Row 0: prefixes (1), (1,1), then the whole sample: scores 1, 3, 6. Row 1: (0), (0,1), (0,1,0): 0, 2, 2.
        double[] expected = [S(1), S(3), S(6), S(0), S(2), S(2)];
        var actual = q.data<float>().ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-6);
    }

    [Fact]
    public void The_policy_learns_the_choices_the_critic_rewards()
    {
        foreach (bool baseline in new[] { false, true })
        {
            var policy = new ThreeChoices();
            var critic = new LinearCritic(Weights.Select(w => w - 1.5f).ToArray());
            foreach (var p in critic.parameters()) p.requires_grad = false;
            var objective = new PolicyGradient(rollouts: 2, baseline);
            var optimizer = optim.Adam(policy.parameters(), 0.05);
            using var rng = new TorchSharp.torch.Generator(7);
            for (int step = 0; step < 300; step++)
            {
                using var scope = NewDisposeScope();
                var terms = new Dictionary<string, double>();
                var loss = objective.Loss(new GeneratorObjectiveInputs(policy, critic, zeros(32, 1), null, rng, terms));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            var chosen = policy.Logits.softmax(1).select(1, 1).data<float>().ToArray();
            Assert.All(chosen, p => Assert.True(p > 0.9, $"baseline {baseline}: p(choice 1) = {string.Join(", ", chosen)}"));
        }
    }

    [Fact]
    public void The_trainer_steps_a_policy_with_its_objective_and_the_critic_with_the_loss()
    {
        Seeding.Seed(3);
        var policy = new ThreeChoices();
        var critic = new LinearCritic(new float[6]);
        using var trainer = new GanTrainer<ThreeChoices, LinearCritic>(policy, critic, new MinimaxLoss(), new OneHotOnes(),
            new GanTrainerOptions { BatchSize = 16, Seed = 5, GeneratorOptimizer = new OptimizerSpec { LearningRate = 0.05 }, CriticOptimizer = new OptimizerSpec { LearningRate = 0.05 } },
            generatorObjective: new PolicyGradient(rollouts: 2));
        trainer.Train(200);
        Assert.Equal(200, trainer.History.Series("generator_policy_gradient").Count());
        Assert.Equal(200, trainer.History.Series("reward").Count());
        var chosen = policy.Logits.softmax(1).select(1, 1).data<float>().ToArray();
        // The real data is all choice 1: the critic learns to reward it, and the policy follows.
        Assert.All(chosen, p => Assert.True(p > 0.8, $"p(choice 1) = {string.Join(", ", chosen)}"));
    }
}
