using BeyondGan.Modules;
using BeyondGan.Regularizers;
using BeyondGan.Toy;
using BeyondGan.Training;
using BeyondGan.Losses;

namespace BeyondGan.Core.Tests;

/// <summary>The README's library example, kept compiling and running (with fewer steps).</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void Readme_example_runs()
    {
        string path = Path.Combine(Path.GetTempPath(), $"readme-{Guid.NewGuid():N}.ckpt");
        Seeding.Seed(1);
        var g = new MlpGenerator(latentSize: 2, hidden: new[] { 256, 256 }, outputSize: 2, batchNorm: true);
        var d = new MlpCritic(inputSize: 2, hidden: new[] { 256, 256 }, pack: 2);
        using var trainer = new GanTrainer<MlpGenerator, MlpCritic>(g, d, new WassersteinLoss(), GaussianMixture2D.Ring(),
            new GanTrainerOptions { BatchSize = 128, CriticSteps = 5 },
            new GanRegularizer[] { new GradientPenalty(10), new GeneratorEma(0.999) });
        trainer.Train(totalSteps: 10);
        var samples = trainer.Sample(2_500);
        trainer.SaveCheckpoint(path);
        Assert.Equal(new long[] { 2500, 2 }, samples.shape);
        Assert.True(File.Exists(path));
        File.Delete(path);
    }

    [Fact]
    public void Sampling_leaves_the_training_state_untouched()
    {
        Seeding.Seed(2);
        var g = new MlpGenerator(2, new[] { 16 }, 2, batchNorm: true);
        using var trainer = new GanTrainer<MlpGenerator, MlpCritic>(g, new MlpCritic(2, new[] { 16 }), new NonSaturatingLoss(),
            GaussianMixture2D.Ring(), new GanTrainerOptions { BatchSize = 32 }, new GanRegularizer[] { new GeneratorEma(0.9) });
        trainer.Train(5);
        var before = g.state_dict().Values.SelectMany(v => TestNets.Flatten(v.to(TorchSharp.torch.float32))).ToArray();
        var a = TestNets.Flatten(trainer.Sample(64, seed: 3));
        var b = TestNets.Flatten(trainer.Sample(64, seed: 3));
        Assert.Equal(a, b);
        Assert.Equal(before, g.state_dict().Values.SelectMany(v => TestNets.Flatten(v.to(TorchSharp.torch.float32))).ToArray());
        Assert.True(g.training);
    }
}
