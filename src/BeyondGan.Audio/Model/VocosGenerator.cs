using BeyondGan.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// Vocos's generator (Siuzdak 2023, §3, Eq. 1–2): a log-mel spectrogram [batch, mels, frames] → conv 7 → LayerNorm → ConvNeXt
/// blocks at the frame rate → LayerNorm → per frame, a linear head to the STFT's log-magnitude m and phase p of every bin →
/// S = min(exp m, 10²) · (cos p + i sin p) → inverse STFT (the mel's window, FFT and hop, centred): a waveform
/// [batch, 1, (frames − 1) · hop]. Unlike HiFi-GAN's it never works at the sample rate, so it is a fraction of the cost; it takes no
/// noise (the latent is a placeholder the engine's interface asks for).
/// </summary>
public sealed class VocosGenerator : BeyondGan.Modules.Generator
{
    private readonly UnfoldConv1d embed;
    private readonly LayerNorm inputNorm;
    private readonly ModuleList<ConvNeXtBlock> blocks = new();
    private readonly LayerNorm outputNorm;
    private readonly Linear head;
    private readonly int fftSize, hop;

    /// <summary>The generator for <paramref name="mels"/> mel bands and an STFT of <paramref name="fftSize"/> with hop <paramref name="hop"/>: width <paramref name="width"/>, <paramref name="depth"/> ConvNeXt blocks widened 3× inside (Vocos: 512, 8).</summary>
    public VocosGenerator(int mels, int fftSize, int hop, int width, int depth = 8) : base(nameof(VocosGenerator))
    {
        if (width < 1 || depth < 1) throw new ArgumentException($"the Vocos generator needs a width and depth of at least 1 (got {width}, {depth}).");
        (this.fftSize, this.hop) = (fftSize, hop);
        embed = new UnfoldConv1d(mels, width, 7, padding: 3);
        inputNorm = nn.LayerNorm(width, eps: 1e-6);
        for (int i = 0; i < depth; i++) blocks.Add(new ConvNeXtBlock(width, 3 * width, 1.0 / depth));
        outputNorm = nn.LayerNorm(width, eps: 1e-6);
        head = nn.Linear(width, fftSize + 2);   // (fftSize/2 + 1) log-magnitudes, then as many phases
        RegisterComponents();
        // Vocos's initialisation of its backbone: convolution and linear weights from N(0, 0.02²) truncated at ±2 (so, in
        // effect, not truncated), biases 0; the norms keep 1 and 0, and the head keeps nn.Linear's draw (random phases from the start).
        using var _ = no_grad();
        foreach (var (name, p) in named_parameters())
        {
            if (name.StartsWith("head.") || name.Contains("orm.") || name.EndsWith("gamma")) continue;
            if (name.EndsWith("bias")) p.zero_(); else TruncatedNormal.Fill(p, std: 0.02);
        }
    }

    /// <inheritdoc />
    public override int LatentSize => 1;

    /// <summary>Zeros: the generator is deterministic given its mel.</summary>
    public override Tensor SampleLatent(long count, TorchSharp.torch.Generator rng, Device device) => zeros([count, 1], device: device);

    /// <inheritdoc />
    public override Tensor forward(Tensor z, Tensor? mel)
    {
        if (mel is null) throw new ArgumentException("the vocoder needs a mel spectrogram as its condition.");
        var x = inputNorm.call(embed.call(mel).transpose(1, 2)).transpose(1, 2);
        foreach (var block in blocks) x = block.call(x);
        var output = head.call(outputNorm.call(x.transpose(1, 2))).transpose(1, 2);   // [batch, fftSize + 2, frames]
        long bins = fftSize / 2 + 1;
        var magnitude = output.narrow(1, 0, bins).exp().clamp_max(1e2);
        var phase = output.narrow(1, bins, bins);
        var spectrum = complex(magnitude * phase.cos(), magnitude * phase.sin());
        using var window = hann_window(fftSize, device: mel.device);
        long length = (mel.shape[2] - 1) * hop;
        return istft(spectrum, fftSize, hop, fftSize, window, center: true, length: length).unsqueeze(1);
    }
}
