using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Training;

/// <summary>Optimiser family.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma &amp; Ba 2015).</summary>
    Adam,
    /// <summary>
    /// Adam over one flat buffer per network (<see cref="Training.FlatAdam"/>): the same updates with far fewer tensor
    /// operations per step. For networks whose parameters all receive a gradient at every step.
    /// </summary>
    FlatAdam,
    /// <summary>RMSprop, as in the original WGAN.</summary>
    RMSprop,
    /// <summary>Stochastic gradient descent with optional momentum.</summary>
    Sgd,
}

/// <summary>An optimiser and its hyper-parameters; generator and critic each get their own (TTUR: Heusel et al. 2017).</summary>
public sealed record OptimizerSpec
{
    /// <summary>Optimiser family.</summary>
    public OptimizerKind Kind { get; init; } = OptimizerKind.Adam;
    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; } = 2e-4;
    /// <summary>Adam β1 (Adam, FlatAdam).</summary>
    public double Beta1 { get; init; } = 0.5;
    /// <summary>Adam β2 (Adam, FlatAdam).</summary>
    public double Beta2 { get; init; } = 0.999;
    /// <summary>L2 weight decay.</summary>
    public double WeightDecay { get; init; }
    /// <summary>Momentum (SGD, RMSprop).</summary>
    public double Momentum { get; init; }

    /// <summary>Creates the optimiser over <paramref name="parameters"/>.</summary>
    public OptimizerHelper Create(IEnumerable<Parameter> parameters) => Kind switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, LearningRate, Beta1, Beta2, weight_decay: WeightDecay),
        OptimizerKind.FlatAdam => new FlatAdam(parameters, LearningRate, Beta1, Beta2, weightDecay: WeightDecay),
        OptimizerKind.RMSprop => optim.RMSProp(parameters, LearningRate, momentum: Momentum, weight_decay: WeightDecay),
        OptimizerKind.Sgd => optim.SGD(parameters, LearningRate, momentum: Momentum, weight_decay: WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };
}
