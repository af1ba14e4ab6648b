using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Training;

/// <summary>
/// Adam (Kingma &amp; Ba 2015, Algorithm 1; L2 weight decay added to the gradient, as in torch.optim.Adam) over all
/// parameters at once. Parameters, gradients and both moment estimates each live in one contiguous buffer; every
/// parameter tensor, its gradient and its moments are views into their slice. A step is then a handful of tensor
/// operations however many parameter tensors a network has, instead of about ten per tensor — on a CPU, where each
/// operation costs microseconds of fixed overhead, that is most of an optimiser step for a small network.
/// The arithmetic is <see cref="Adam"/>'s, operation for operation, so a run gives the same weights as with it.
/// </summary>
/// <remarks>
/// Two differences from <see cref="Adam"/>. A parameter that received no gradient in a step counts as gradient zero (its
/// moments decay and it may still move), where <see cref="Adam"/> skips it — so use <see cref="Adam"/> for networks
/// with parameters that sit unused for some steps (progressive growing). And gradients must reach the parameters by
/// <c>backward()</c> without <c>create_graph</c>, which adds into the gradient tensors in place;
/// <see cref="zero_grad"/> re-attaches every gradient to its slice. One parameter group, no AMSGrad.
/// The state (per-parameter moments and step count) saves and loads in <see cref="Adam"/>'s layout.
/// </remarks>
public sealed class FlatAdam : Adam
{
    private readonly Parameter[] flatParameterList;
    private readonly State[] states;
    private readonly Tensor[] gradientViews;
    private readonly Tensor flatParameters, flatGradients, flatExpAvg, flatExpAvgSq;

    /// <summary>Moves <paramref name="parameters"/> into one buffer (their values unchanged) and creates the optimiser.</summary>
    public FlatAdam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0)
        : this(parameters.ToArray(), lr, beta1, beta2, eps, weightDecay)
    {
    }

    private FlatAdam(Parameter[] parameters, double lr, double beta1, double beta2, double eps, double weightDecay)
        : base(parameters, lr, beta1, beta2, eps, weightDecay)
    {
        if (parameters.Length == 0) throw new ArgumentException("FlatAdam needs at least one parameter.", nameof(parameters));
        var (dtype, device) = (parameters[0].dtype, parameters[0].device);
        if (parameters.Any(p => p.dtype != dtype || p.device.type != device.type || p.device.index != device.index))
            throw new ArgumentException("FlatAdam needs all parameters of one type on one device.", nameof(parameters));
        flatParameterList = parameters;
        states = parameters.Select(p => (State)_state[p.Handle]).ToArray();
        gradientViews = new Tensor[parameters.Length];
        long total = parameters.Sum(p => p.numel());
        flatParameters = Persistent(empty(total, dtype, device));
        flatGradients = Persistent(zeros(total, dtype, device));
        flatExpAvg = Persistent(zeros(total, dtype, device));
        flatExpAvgSq = Persistent(zeros(total, dtype, device));
        using var _ = no_grad();
        long offset = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            long n = p.numel();
            Tensor Slice(Tensor flat) => Persistent(flat.narrow(0, offset, n).view(p.shape));
            var home = Slice(flatParameters);
            home.copy_(p);
            p.set_(home); // the parameter (same object, same values) now shares the buffer's storage; set_ returns p itself
            home.Dispose();
            gradientViews[i] = Slice(flatGradients);
            states[i].exp_avg.Dispose();
            states[i].exp_avg = Slice(flatExpAvg);
            states[i].exp_avg_sq.Dispose();
            states[i].exp_avg_sq = Slice(flatExpAvgSq);
            offset += n;
        }
        zero_grad();
    }

    /// <summary>Number of values optimised (the length of each flat buffer).</summary>
    public long Count => flatParameters.numel();

    /// <summary>Sets every gradient to zero, attached to its slice of the gradient buffer.</summary>
    public override void zero_grad()
    {
        flatGradients.zero_().Dispose(); // TorchSharp's zero_ returns a new handle to the same tensor
        for (int i = 0; i < flatParameterList.Length; i++) flatParameterList[i].grad = gradientViews[i];
    }

    /// <summary>One Adam step over the flat buffers, with the hyper-parameters of the (single) parameter group.</summary>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        Tensor? loss = null;
        if (closure is not null)
            using (enable_grad()) loss = closure();
        var o = (Options)_parameter_groups[0].Options;
        double beta1 = o.beta1!.Value, beta2 = o.beta2!.Value, lr = o.LearningRate!.Value;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        long t = states[0].step + 1; // every state carries the same count; loading a checkpoint restores it
        foreach (var s in states) s.step = t;
        double biasCorrection1 = 1 - Math.Pow(beta1, t), biasCorrection2 = 1 - Math.Pow(beta2, t);
        var grad = o.weight_decay!.Value != 0 ? flatGradients.add(flatParameters, alpha: o.weight_decay.Value) : flatGradients;
        // m ← β1 m + (1 − β1) g;  v ← β2 v + (1 − β2) g²;  θ ← θ − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)
        flatExpAvg.mul_(beta1).add_(grad, alpha: 1 - beta1);
        flatExpAvgSq.mul_(beta2).addcmul_(grad, grad, value: 1 - beta2);
        var denom = flatExpAvgSq.sqrt().div_(Math.Sqrt(biasCorrection2)).add_(o.eps!.Value); // in place: one temporary, not two
        flatParameters.addcdiv_(flatExpAvg, denom, value: -lr / biasCorrection1);
        return loss!;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // The base disposes the per-parameter state views; the buffers themselves stay alive while parameters use them.
        base.Dispose(disposing);
        if (!disposing) return;
        foreach (var v in gradientViews) v.Dispose();
        flatParameters.Dispose();
        flatGradients.Dispose();
        flatExpAvg.Dispose();
        flatExpAvgSq.Dispose();
    }

    private static Tensor Persistent(Tensor t) => t.DetachFromDisposeScope();
}
