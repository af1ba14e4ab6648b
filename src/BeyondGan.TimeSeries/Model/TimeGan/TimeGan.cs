using BeyondGan.Tabular.Transform;
using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Model;

/// <summary>
/// TimeGAN's four sequence networks (Yoon et al. 2019, §4, Fig. 2; the released code's shapes): embedder
/// h = σ(e(x)), recovery x̃ = r(h), generator ê = σ(g(z, c)), supervisor ĥ = σ(s(ê)) with one layer fewer; the
/// discriminator is <see cref="TimeGanDiscriminator"/>. Data enter as the paper scales them, numbers min-max to
/// [0, 1] (the encoder's [−1, 1] mapped by (x + 1)/2) and recovered through a sigmoid; categories (our extension) are
/// one-hot blocks recovered through a softmax. Sampling runs z → ê → ĥ → x̂ and maps numbers back to [−1, 1]. The
/// noise is U[0, 1) with as many values per step as the data (z_dim = dim). For panel data the generator also reads
/// the entity's encoded attributes at every step (our extension: the paper is unconditional), and every output is
/// zeroed past the sequence's length, as the real sequences' padding is.
/// </summary>
public sealed class TimeGan : RecurrentGenerator
{
    private readonly GruNetwork embedder, recovery, generator, supervisor;
    private readonly (int Offset, OutputSpan Span)[] spans;
    private readonly int width, conditionSize;
    private readonly Tensor scale, shift;

    /// <summary>Creates the networks for steps of <paramref name="width"/> floats laid out as <paramref name="spans"/>.</summary>
    public TimeGan(int width, IReadOnlyList<(int Offset, OutputSpan Span)> spans, int conditionSize, int hidden, int layers) : base(nameof(TimeGan))
    {
        if (layers < 2) throw new ArgumentException($"TimeGAN needs at least 2 GRU layers (its supervisor has one fewer), got {layers}.");
        this.width = width;
        this.conditionSize = conditionSize;
        this.spans = spans.ToArray();
        embedder = new GruNetwork("embedder", width, hidden, layers, hidden);
        recovery = new GruNetwork("recovery", hidden, hidden, layers, width);
        generator = new GruNetwork("generator", width + conditionSize, hidden, layers, hidden);
        supervisor = new GruNetwork("supervisor", hidden, hidden, layers - 1, hidden);
        RegisterComponents();
        // After RegisterComponents: the unit-scaling vectors are not state (docs/TORCHSHARP.md).
        var s = new float[width];
        var b = new float[width];
        for (int i = 0; i < width; i++) { s[i] = 1f; }
        foreach (var (offset, span) in this.spans)
            if (span.Activation == SpanActivation.Tanh)
                for (int i = 0; i < span.Size; i++) { s[offset + i] = 0.5f; b[offset + i] = 0.5f; }
        scale = tensor(s);
        shift = tensor(b);
    }

    /// <summary>The embedder's parameters with the recovery's (what the autoencoder phases train).</summary>
    public IEnumerable<TorchSharp.Modules.Parameter> AutoencoderParameters => embedder.parameters().Concat(recovery.parameters());
    /// <summary>The generator's parameters with the supervisor's (what the joint phase's generator update trains).</summary>
    public IEnumerable<TorchSharp.Modules.Parameter> GeneratorParameters => generator.parameters().Concat(supervisor.parameters());
    /// <summary>The supervisor's parameters (the supervised phase trains only these: its loss does not reach the generator).</summary>
    public IEnumerable<TorchSharp.Modules.Parameter> SupervisorParameters => supervisor.parameters();

    /// <inheritdoc />
    public override int LatentSize => throw new NotSupportedException("TimeGAN's noise depends on the number of steps; use SampleLatent(count, steps, …).");

    /// <inheritdoc />
    public override Tensor SampleLatent(long count, int steps, TorchSharp.torch.Generator rng, Device device) =>
        rand(new long[] { count, (long)steps * width }, generator: rng).to(device);

    /// <summary>The step mask [batch, steps, 1] and the entity encoding [batch, condition] (or null) of a condition tensor.</summary>
    public (Tensor Mask, Tensor? Entity) Split(Tensor? c, long batch, long steps, Device device)
    {
        if (c is null) return (ones(batch, steps, 1, device: device), null);
        var mask = c.narrow(1, conditionSize, steps).unsqueeze(2);
        return (mask, conditionSize > 0 ? c.narrow(1, 0, conditionSize) : null);
    }

    /// <summary>Encoded steps ([−1, 1] numbers) in the paper's scale: numbers to [0, 1], one-hot blocks as they are.</summary>
    public Tensor ToUnit(Tensor x, Tensor mask) => (x * scale.to(x.device) + shift.to(x.device)) * mask;

    /// <summary>Embedder: h = σ(e(x)), x in the paper's scale.</summary>
    public Tensor Embed(Tensor unit, Tensor mask) => embedder.call(unit).sigmoid() * mask;

    /// <summary>Recovery: x̃ = σ(r(h)) for numbers, softmax for each one-hot block (in the paper's scale).</summary>
    public Tensor Recover(Tensor h, Tensor mask)
    {
        var raw = recovery.call(h);
        var parts = new List<Tensor>(spans.Length);
        foreach (var (offset, span) in spans)
        {
            var block = raw.narrow(2, offset, span.Size);
            parts.Add(span.Activation == SpanActivation.Tanh ? block.sigmoid() : block.softmax(2));
        }
        return cat(parts, 2) * mask;
    }

    /// <summary>Generator: ê = σ(g(z, c)), z [batch, steps · width] reshaped to one noise vector per step.</summary>
    public Tensor Generate(Tensor z, Tensor? entity, Tensor mask)
    {
        long batch = z.shape[0], steps = z.shape[1] / width;
        var input = z.reshape(batch, steps, width) * mask;
        if (entity is not null) input = cat(new[] { input, entity.unsqueeze(1).expand(batch, steps, conditionSize) }, 2);
        return generator.call(input).sigmoid() * mask;
    }

    /// <summary>Supervisor: ĥ_{t+1} = σ(s(h_{≤t})), the next step's latent from the past ones.</summary>
    public Tensor Supervise(Tensor h, Tensor mask) => supervisor.call(h).sigmoid() * mask;

    /// <summary>Samples: x̂ = r(s(g(z, c))), numbers mapped back to [−1, 1].</summary>
    public override Tensor forward(Tensor z, Tensor? c)
    {
        long batch = z.shape[0], steps = z.shape[1] / width;
        var (mask, entity) = Split(c, batch, steps, z.device);
        var unit = Recover(Supervise(Generate(z, entity, mask), mask), mask);
        return (unit - shift.to(z.device)) / scale.to(z.device) * mask;
    }
}
