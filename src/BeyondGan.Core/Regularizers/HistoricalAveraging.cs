using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.IO;
using TorchSharp;
using static TorchSharp.torch;

using TorchSharp.Modules;
using Generator = BeyondGan.Modules.Generator;
namespace BeyondGan.Regularizers;

/// <summary>
/// Historical averaging (Salimans et al. 2016, §3.3): adds λ·‖θ − (1/t)·Σᵢ θ[i]‖² to a network's loss, pulling
/// its parameters towards their running mean over past steps, which damps oscillation. Applied to the critic,
/// the generator or both.
/// </summary>
public sealed class HistoricalAveraging : GanRegularizer
{
    private readonly List<Tensor> criticMean = new(), generatorMean = new();
    private long criticSteps, generatorSteps;
    private IReadOnlyList<Parameter> criticParams = Array.Empty<Parameter>(), generatorParams = Array.Empty<Parameter>();

    /// <summary>Penalty weight λ.</summary>
    public double Lambda { get; }
    /// <summary>Apply to the critic.</summary>
    public bool OnCritic { get; }
    /// <summary>Apply to the generator.</summary>
    public bool OnGenerator { get; }

    /// <summary>Creates historical averaging with weight <paramref name="lambda"/>.</summary>
    public HistoricalAveraging(double lambda = 1e-3, bool onCritic = true, bool onGenerator = true)
    {
        Lambda = lambda;
        OnCritic = onCritic;
        OnGenerator = onGenerator;
    }

    /// <inheritdoc />
    public override string Name => "historical_averaging";

    /// <inheritdoc />
    public override void Attach(Generator generator, Critic critic, IGanLoss loss)
    {
        criticParams = critic.parameters().ToList();
        generatorParams = generator.parameters().ToList();
        using var _ = no_grad();
        criticMean.AddRange(criticParams.Select(p => p.detach().clone().DetachFromDisposeScope()));
        generatorMean.AddRange(generatorParams.Select(p => p.detach().clone().DetachFromDisposeScope()));
        criticSteps = generatorSteps = 1;
    }

    /// <inheritdoc />
    public override Tensor? CriticPenalty(CriticPenaltyInputs inputs) => OnCritic ? Penalty(criticParams, criticMean) : null;

    /// <inheritdoc />
    public override Tensor? GeneratorPenalty(GeneratorPenaltyInputs inputs) => OnGenerator ? Penalty(generatorParams, generatorMean) : null;

    private Tensor Penalty(IReadOnlyList<Parameter> parameters, List<Tensor> means)
    {
        Tensor total = zeros(1, device: parameters[0].device);
        for (int i = 0; i < parameters.Count; i++) total = total + (parameters[i] - means[i]).square().sum();
        return Lambda * total.squeeze();
    }

    /// <inheritdoc />
    public override void AfterCriticStep(Critic critic) => Update(criticParams, criticMean, ref criticSteps);

    /// <inheritdoc />
    public override void AfterGeneratorStep(Generator generator) => Update(generatorParams, generatorMean, ref generatorSteps);

    private static void Update(IReadOnlyList<Parameter> parameters, List<Tensor> means, ref long t)
    {
        t++;
        using var _ = no_grad();
        for (int i = 0; i < parameters.Count; i++) means[i].add_((parameters[i] - means[i]) / t); // running mean
    }

    /// <inheritdoc />
    public override void SaveState(BinaryWriter writer)
    {
        writer.Write(criticSteps);
        writer.Write(generatorSteps);
        foreach (var t in criticMean.Concat(generatorMean)) TensorIO.Write(writer, t);
    }

    /// <inheritdoc />
    public override void LoadState(BinaryReader reader)
    {
        criticSteps = reader.ReadInt64();
        generatorSteps = reader.ReadInt64();
        using var _ = no_grad();
        foreach (var t in criticMean.Concat(generatorMean))
        {
            using var loaded = TensorIO.Read(reader);
            t.copy_(loaded);
        }
    }
}
