using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.Regularizers;
using static TorchSharp.torch;

namespace BeyondGan.Core.Tests;

public class RegularizerTests
{
    private static CriticPenaltyInputs Inputs(LinearCritic critic, Tensor real, Tensor fake)
    {
        var rs = critic.call(real, null);
        var fs = critic.call(fake, null);
        return new CriticPenaltyInputs(critic, real, fake, null, null, rs, fs, new TorchSharp.torch.Generator(7));
    }

    [Fact]
    public void Gradient_penalty_of_linear_critic_is_lambda_times_squared_norm_gap()
    {
        // ∇D = w = (3, 4), ‖w‖ = 5 everywhere: penalty = λ (5 − 1)² = 10 · 16.
        var critic = new LinearCritic(new[] { 3f, 4f });
        var penalty = new GradientPenalty(10).CriticPenalty(Inputs(critic, randn(8, 2), randn(8, 2)))!;
        Assert.Equal(160.0, penalty.item<float>(), 3);
    }

    [Fact]
    public void Gradient_penalty_takes_norm_over_whole_pack()
    {
        // Pack of 2: the packed input's gradient is (w, w), norm √2·5.
        var critic = new LinearCritic(new[] { 3f, 4f }, pack: 2);
        var penalty = new GradientPenalty(1).CriticPenalty(Inputs(critic, randn(8, 2), randn(8, 2)))!;
        Assert.Equal(Math.Pow(Math.Sqrt(2) * 5 - 1, 2), penalty.item<float>(), 3);
    }

    [Fact]
    public void Gradient_penalty_gradient_reaches_the_critic_weights()
    {
        // d/dw λ(‖w‖ − 1)² = 2λ(‖w‖ − 1) w/‖w‖ = 2·10·4·(3, 4)/5 = (48, 64).
        var critic = new LinearCritic(new[] { 3f, 4f });
        var penalty = new GradientPenalty(10).CriticPenalty(Inputs(critic, randn(8, 2), randn(8, 2)))!;
        penalty.backward();
        var grad = TestNets.Flatten(critic.Weight.grad!);
        Assert.Equal(48.0, grad[0], 2);
        Assert.Equal(64.0, grad[1], 2);
    }

    [Fact]
    public void Gradient_penalty_on_a_fraction_is_the_penalty_of_the_first_packs()
    {
        manual_seed(5);
        var critic = new MlpCritic(3, new[] { 8 }, pack: 2);
        var real = randn(16, 3);
        var fake = randn(16, 3);
        Tensor Penalty(GradientPenalty gp, Tensor r, Tensor f) =>
            gp.CriticPenalty(new CriticPenaltyInputs(critic, r, f, null, null, critic.call(r, null), critic.call(f, null), new TorchSharp.torch.Generator(9)))!;
        // 8 packs; a quarter of them = the first 2 packs = the first 4 rows (same ε draws from the same generator).
        var subset = Penalty(new GradientPenalty(10, fraction: 0.25), real, fake).item<float>();
        var firstRows = Penalty(new GradientPenalty(10), real.narrow(0, 0, 4), fake.narrow(0, 0, 4)).item<float>();
        var whole = Penalty(new GradientPenalty(10), real, fake).item<float>();
        Assert.Equal(firstRows, subset);
        Assert.NotEqual(whole, subset);
        Assert.Throws<ArgumentException>(() => new GradientPenalty(10, fraction: 0));
        Assert.Throws<ArgumentException>(() => new GradientPenalty(10, fraction: 1.5));
    }

    [Fact]
    public void R1_is_half_gamma_times_squared_gradient_norm()
    {
        var critic = new LinearCritic(new[] { 3f, 4f });
        var penalty = new R1Penalty(2).CriticPenalty(Inputs(critic, randn(8, 2), randn(8, 2)))!;
        Assert.Equal(0.5 * 2 * 25, penalty.item<float>(), 3);
        penalty.backward();
        Assert.NotNull(critic.Weight.grad);
    }

    [Fact]
    public void Auxiliary_classifier_is_the_weighted_cross_entropy_of_the_asked_class()
    {
        // Logits (0, ln 3): p = (1/4, 3/4). Class 1 costs ln 4/3, class 0 ln 4; the batch's mean is their average.
        var critic = new IdentityClassifyingCritic(2);
        var g = new MlpGenerator(2, new[] { 4 }, 2);
        var ac = new AuxiliaryClassifier(criticWeight: 2, generatorWeight: 0.1);
        ac.Attach(g, critic, new WassersteinLoss());
        var x = tensor(new[] { 0f, (float)Math.Log(3), 0f, (float)Math.Log(3) }).reshape(2, 2);
        var labels = tensor(new[] { 0f, 1f, 1f, 0f }).reshape(2, 2);
        double expected = (Math.Log(4.0 / 3) + Math.Log(4)) / 2;
        var inputs = new CriticPenaltyInputs(critic, x, x, labels, labels, x.sum(1), x.sum(1), new TorchSharp.torch.Generator(1));
        Assert.Equal(2 * expected, ac.CriticPenalty(inputs)!.item<float>(), 5);

        var fake = x.clone().requires_grad_(true);
        var penalty = ac.GeneratorPenalty(new GeneratorPenaltyInputs(g, critic, fake, zeros(2, 2), labels, fake.sum(1), new TorchSharp.torch.Generator(1)))!;
        Assert.Equal(0.1 * expected, penalty.item<float>(), 5);
        penalty.backward();
        // d CE / d logits = p − onehot, averaged over the batch of 2 and weighted 0.1: sample 0 (class 1) gets 0.05·(1/4, −1/4).
        Assert.Equal(new[] { 0.0125f, -0.0125f }, TestNets.Flatten(fake.grad!)[..2].Select(v => MathF.Round(v, 6)));

        Assert.Throws<ArgumentException>(() => ac.CriticPenalty(inputs with { RealCondition = null }));
        Assert.Throws<ArgumentException>(() => new AuxiliaryClassifier().Attach(g, new LinearCritic(new[] { 1f, 1f }), new WassersteinLoss()));
        Assert.Throws<ArgumentException>(() => new AuxiliaryClassifier(0, 0));
    }

    [Fact]
    public void Weight_clipping_clamps_every_critic_parameter()
    {
        var critic = new LinearCritic(new[] { 3f, -0.005f });
        new WeightClipping(0.01).AfterCriticStep(critic);
        Assert.Equal(new[] { 0.01f, -0.005f }, TestNets.Flatten(critic.Weight));
    }

    [Fact]
    public void Label_smoothing_sets_target_and_refuses_wasserstein()
    {
        var g = new MlpGenerator(2, new[] { 8 }, 2);
        var d = new LinearCritic(new[] { 1f, 1f });
        var loss = new NonSaturatingLoss();
        new OneSidedLabelSmoothing(0.9).Attach(g, d, loss);
        Assert.Equal(0.9, loss.RealTarget);
        Assert.Throws<ArgumentException>(() => new OneSidedLabelSmoothing(0.9).Attach(g, d, new WassersteinLoss()));
    }

    [Fact]
    public void Instance_noise_anneals_linearly_to_zero()
    {
        var noise = new InstanceNoise(0.2, annealSteps: 100);
        noise.OnStepBegin(0, 200);
        Assert.Equal(0.2, noise.CurrentStd, 10);
        noise.OnStepBegin(50, 200);
        Assert.Equal(0.1, noise.CurrentStd, 10);
        noise.OnStepBegin(150, 200);
        Assert.Equal(0.0, noise.CurrentStd, 10);
        var x = zeros(1000, 2);
        noise.OnStepBegin(0, 200);
        var noisy = noise.TransformCriticInput(x, new TorchSharp.torch.Generator(1));
        Assert.InRange(noisy.std().item<float>(), 0.18, 0.22);
    }

    [Fact]
    public void Experience_replay_mixes_old_fakes_into_the_batch()
    {
        var replay = new ExperienceReplay(capacity: 10, fraction: 0.5);
        var rng = new TorchSharp.torch.Generator(3);
        var (first, _) = replay.SelectFakesForCritic(full(4, 1, 1f), null, rng); // empty buffer: unchanged
        Assert.All(TestNets.Flatten(first), v => Assert.Equal(1f, v));
        Assert.Equal(4, replay.Count);
        var (second, _) = replay.SelectFakesForCritic(full(4, 1, 2f), null, rng);
        Assert.Equal(new[] { 1f, 1f, 2f, 2f }, TestNets.Flatten(second)); // half replayed
        Assert.Equal(8, replay.Count);
        replay.SelectFakesForCritic(full(4, 1, 3f), null, rng);
        Assert.Equal(10, replay.Count); // capped at capacity
    }

    [Fact]
    public void Historical_averaging_penalises_distance_to_running_mean()
    {
        var g = new MlpGenerator(1, new[] { 1 }, 1);
        var d = new LinearCritic(new[] { 1f, 1f });
        var ha = new HistoricalAveraging(lambda: 0.5, onCritic: true, onGenerator: false);
        ha.Attach(g, d, new NonSaturatingLoss()); // mean = (1, 1)
        using (no_grad()) d.Weight.copy_(tensor(new[] { 3f, 1f }).reshape(1, 2));
        var inputs = new CriticPenaltyInputs(d, zeros(2, 2), zeros(2, 2), null, null, zeros(2), zeros(2), new TorchSharp.torch.Generator(1));
        Assert.Equal(0.5 * 4, ha.CriticPenalty(inputs)!.item<float>(), 5);
        ha.AfterCriticStep(d); // mean = ((1+3)/2, 1) = (2, 1)
        Assert.Equal(0.5 * 1, ha.CriticPenalty(inputs)!.item<float>(), 5);
    }

    [Fact]
    public void Ema_update_follows_the_formula_and_swaps_weights()
    {
        var g = new MlpGenerator(1, new[] { 1 }, 1);
        var ema = new GeneratorEma(0.5);
        ema.Attach(g, new LinearCritic(new[] { 1f }), new NonSaturatingLoss());
        var p = g.parameters().First();
        float before = TestNets.Flatten(p)[0];
        using (no_grad()) p.add_(1.0);
        double beta = ema.EffectiveDecay; // min(0.5, 1/10) = 0.1 on the first update
        Assert.Equal(0.1, beta, 10);
        ema.AfterGeneratorStep(g);
        float expected = (float)(beta * before + (1 - beta) * (before + 1));
        Assert.Equal(expected, TestNets.Flatten(ema.AveragedParameters[0])[0], 5);
        using (ema.UseAveragedWeights()) Assert.Equal(expected, TestNets.Flatten(p)[0], 5);
        Assert.Equal(before + 1, TestNets.Flatten(p)[0], 5);
    }

    [Fact]
    public void Progressive_growing_schedule_adds_and_fades_blocks()
    {
        var grow = new ProgressiveGrowing(initialDepth: 1, growEvery: 100, fadeSteps: 50);
        Assert.Equal((1, 1.0), grow.At(0, 3));
        Assert.Equal((1, 1.0), grow.At(99, 3));
        Assert.Equal((2, 0.0), grow.At(100, 3));
        Assert.Equal((2, 0.5), grow.At(125, 3));
        Assert.Equal((2, 1.0), grow.At(160, 3));
        Assert.Equal((3, 0.5), grow.At(225, 3));
        Assert.Equal((3, 1.0), grow.At(1000, 3));
    }

    [Fact]
    public void Growing_generator_fades_between_depths()
    {
        var g = new MlpGenerator(2, new[] { 8, 8 }, 2);
        g.eval();
        var z = randn(5, 2);
        g.SetGrowth(1, 1.0);
        var shallow = TestNets.Flatten(g.call(z, null));
        g.SetGrowth(2, 0.0);
        Assert.Equal(shallow, TestNets.Flatten(g.call(z, null))); // α = 0: new block has no effect yet
        g.SetGrowth(2, 1.0);
        Assert.NotEqual(shallow, TestNets.Flatten(g.call(z, null)));
    }
}
