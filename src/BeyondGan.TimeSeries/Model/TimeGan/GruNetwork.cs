using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Model;

/// <summary>
/// One of TimeGAN's five networks: a GRU stack read step by step, then a linear map of every step's state (the
/// released code's <c>MultiRNNCell</c> + <c>fully_connected</c>). Returns the linear outputs; the caller applies the
/// activation, so each network's formula stays visible where it is used.
/// </summary>
public sealed class GruNetwork : nn.Module<Tensor, Tensor>
{
    private readonly GRU gru;
    private readonly Linear head;

    /// <summary>A stack of <paramref name="layers"/> GRUs of <paramref name="hidden"/> units from <paramref name="input"/> to <paramref name="output"/> floats per step.</summary>
    public GruNetwork(string name, int input, int hidden, int layers, int output) : base(name)
    {
        gru = nn.GRU(input, hidden, layers, batchFirst: true);
        head = nn.Linear(hidden, output);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var (states, last) = gru.call(x);
        last.Dispose();
        return head.call(states);
    }
}
