using BeyondGan.Modules;
using BeyondGan.Toy;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Core.Tests;

/// <summary>A critic D(x) = w·x (one score per sample), whose input gradient is w everywhere.</summary>
internal sealed class LinearCritic : Critic
{
    private readonly TorchSharp.Modules.Linear linear;
    private readonly int pack;

    public LinearCritic(float[] weights, int pack = 1) : base(nameof(LinearCritic))
    {
        this.pack = pack;
        linear = nn.Linear(weights.Length * pack, 1, hasBias: false);
        using (no_grad()) linear.weight!.copy_(tensor(Enumerable.Repeat(weights, pack).SelectMany(w => w).ToArray()).reshape(1, -1));
        RegisterComponents();
    }

    public override int PackSize => pack;
    public TorchSharp.Modules.Parameter Weight => linear.weight!;
    public override Tensor forward(Tensor x, Tensor? c) => linear.call(x.reshape(x.shape[0] / pack, -1)).squeeze(1);
}

internal static class TestNets
{
    /// <summary>A small, fast configuration of the 2-D benchmark for tests.</summary>
    public static ToyConfig SmallRing(long steps) => new()
    {
        Loss = "ns", Pac = 2, LatentSize = 4, GeneratorHidden = new[] { 64, 64 }, BatchNorm = false,
        GeneratorActivation = Activation.ReLU, CriticHidden = new[] { 64, 64 }, CriticActivation = Activation.LeakyReLU,
        LearningRateG = 1e-3, LearningRateD = 1e-3, Beta1 = 0.5, Beta2 = 0.999, BatchSize = 64, Steps = steps,
    };

    public static float[] Flatten(Tensor t) => t.detach().cpu().contiguous().data<float>().ToArray();

    public static float[] AllWeights(nn.Module m) => m.parameters().SelectMany(p => Flatten(p)).ToArray();
}

/// <summary>A critic whose class head's logits are its input itself (and whose score is their sum), for the auxiliary classifier.</summary>
internal sealed class IdentityClassifyingCritic(int classes) : Critic(nameof(IdentityClassifyingCritic)), IClassifyingCritic
{
    public int Classes => classes;
    public Tensor ClassLogits(Tensor x) => x;
    public override Tensor forward(Tensor x, Tensor? c) => x.sum(1);
}
