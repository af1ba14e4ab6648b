using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BeyondGan.Audio.Data;
using BeyondGan.Audio.Features;
using BeyondGan.IO;
using BeyondGan.Layers;
using BeyondGan.Runtime;
using BeyondGan.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Metrics;

/// <summary>
/// The evaluation's classifier, as the SC09 papers train their own (REFERENCES §5): log-mel spectrograms (40 bands), normalised
/// per band, through a 1-D CNN over time (three convolutions with the mel bands as channels, ReLU, pooling, mean and max over
/// time), a 128-unit penultimate layer — the features the Fréchet distance, KID and NDB use — and a softmax over the labels.
/// Trained with a fixed seed on the real training clips (random time shifts and gains as augmentation), so the same clips
/// give the same classifier; <see cref="Train"/> caches it under a hash of those clips.
/// </summary>
public sealed class AudioClassifier : IDisposable
{
    private readonly Network network;
    private readonly LogMelSpectrogram logMel;
    private readonly Tensor mean, std;

    private AudioClassifier(ClassifierHeader header)
    {
        Header = header;
        logMel = new LogMelSpectrogram(header.SampleRate);
        network = new Network(logMel.Mels, header.Labels.Count);
        mean = tensor(header.Mean, [1, logMel.Mels, 1]);
        std = tensor(header.Std, [1, logMel.Mels, 1]);
    }

    /// <summary>Labels, normalisation, the data hash and the held-out accuracy.</summary>
    public ClassifierHeader Header { get; }
    /// <summary>The labels, in output order.</summary>
    public IReadOnlyList<string> Labels => Header.Labels;

    /// <summary>Epochs over the training clips.</summary>
    public const int Epochs = 30;

    /// <summary>Bumped whenever the network or its training changes, so cached classifiers of older builds are retrained.</summary>
    private const int Version = 1;

    /// <summary>
    /// The classifier for <paramref name="clips"/> (prepared, equal length) with <paramref name="labels"/>: loaded from
    /// <paramref name="cacheDirectory"/> when one was trained on exactly these clips, else trained (and cached there, if given).
    /// </summary>
    public static AudioClassifier Train(IReadOnlyList<float[]> clips, IReadOnlyList<string> labels, int sampleRate, string? cacheDirectory = null,
        Action<int, int>? progress = null)
    {
        TorchRuntime.EnsureLoaded();
        var names = labels.Distinct().Order(StringComparer.Ordinal).ToList();
        if (names.Count < 2) throw new ArgumentException($"the classifier needs at least two labels among the real clips, found {names.Count}.");
        string hash = Hash(clips, labels, sampleRate);
        string? cached = cacheDirectory is null ? null : Path.Combine(cacheDirectory, $"audio-classifier-{hash[..16]}.bin");
        if (cached is not null && File.Exists(cached))
        {
            try
            {
                var loaded = Load(cached);
                if (loaded.Header.DataHash == hash) return loaded;
                loaded.Dispose();
            }
            catch (InvalidDataException) { }   // a damaged cache entry is retrained and replaced
        }
        var model = Fit(clips, labels, names, sampleRate, hash, progress);
        if (cached is not null)
        {
            Directory.CreateDirectory(cacheDirectory!);
            model.Save(cached);
        }
        return model;
    }

    private static AudioClassifier Fit(IReadOnlyList<float[]> clips, IReadOnlyList<string> labels, List<string> names, int sampleRate, string hash, Action<int, int>? progress)
    {
        Seeding.Seed(0);
        using var rng = new TorchSharp.torch.Generator(0);
        using var logMel = new LogMelSpectrogram(sampleRate);
        var x = ClipPreparation.Stack(clips);
        var mels = logMel.Compute(x);
        var mean = mels.mean([0, 2]).data<float>().ToArray();
        var std = (mels.std([0, 2]) + 1e-3f).data<float>().ToArray();
        var header = new ClassifierHeader { Labels = names, SampleRate = sampleRate, Mean = mean, Std = std, DataHash = hash, TrainingClips = clips.Count };
        var model = new AudioClassifier(header);
        var y = tensor(labels.Select(l => (long)names.IndexOf(l)).ToArray());
        var adam = optim.Adam(model.network.parameters(), 1e-3);
        int batch = 64, n = clips.Count, batches = Math.Max(1, n / batch);
        using var guard = new CollectionGuard();
        model.network.train();
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            var order = randperm(n, generator: rng);
            for (int b = 0; b < batches; b++)
            {
                guard.Enter();
                using var scope = NewDisposeScope();
                var rows = order.narrow(0, (long)b * batch, Math.Min(batch, n - b * batch));
                var input = model.Normalize(Augment(mels.index_select(0, rows), rng));
                var loss = nn.functional.cross_entropy(model.network.call(input).Logits, y.index_select(0, rows));
                adam.zero_grad();
                loss.backward();
                adam.step();
            }
            progress?.Invoke(epoch + 1, Epochs);
        }
        model.network.eval();
        return model;
    }

    /// <summary>A random shift of up to ±4 frames (filled with the log floor) and a gain of ±6 dB for each clip.</summary>
    private static Tensor Augment(Tensor mels, TorchSharp.torch.Generator rng)
    {
        long shift = randint(-4, 5, [1], generator: rng).item<long>();
        var floor = (float)Math.Log(1e-5);
        if (shift != 0)
        {
            long frames = mels.shape[2];
            var fill = full([mels.shape[0], mels.shape[1], Math.Abs(shift)], floor);
            mels = shift > 0 ? cat([fill, mels.narrow(2, 0, frames - shift)], 2) : cat([mels.narrow(2, -shift, frames + shift), fill], 2);
        }
        var gainDb = rand([mels.shape[0], 1, 1], generator: rng) * 12 - 6;
        return mels + gainDb * (Math.Log(10) / 10);   // power gain in nats: ln(10^(dB/10))
    }

    private Tensor Normalize(Tensor mels) => (mels - mean) / std;

    /// <summary>Label probabilities [clips, labels] and penultimate features [clips, 128] of <paramref name="clips"/>, in batches.</summary>
    public (float[][] Probabilities, float[][] Features) Predict(IReadOnlyList<float[]> clips)
    {
        var probabilities = new List<float[]>(clips.Count);
        var features = new List<float[]>(clips.Count);
        using var guard = new CollectionGuard();
        for (int start = 0; start < clips.Count; start += 256)
        {
            guard.Enter();
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var chunk = clips.Skip(start).Take(256).ToList();
            var (logits, f) = network.call(Normalize(logMel.Compute(ClipPreparation.Stack(chunk))));
            var p = nn.functional.softmax(logits, 1);
            probabilities.AddRange(Rows(p));
            features.AddRange(Rows(f));
        }
        return (probabilities.ToArray(), features.ToArray());
    }

    private static IEnumerable<float[]> Rows(Tensor t)
    {
        var flat = t.contiguous().data<float>().ToArray();
        int width = (int)t.shape[1];
        for (int i = 0; i < t.shape[0]; i++) yield return flat.AsSpan(i * width, width).ToArray();
    }

    /// <summary>Accuracy on labelled clips: the share whose most probable label is theirs.</summary>
    public double Accuracy(IReadOnlyList<float[]> clips, IReadOnlyList<string> labels)
    {
        var (p, _) = Predict(clips);
        return Enumerable.Range(0, clips.Count).Count(i => Labels[ArgMax(p[i])] == labels[i]) / (double)clips.Count;
    }

    internal static int ArgMax(float[] p)
    {
        int best = 0;
        for (int k = 1; k < p.Length; k++) if (p[k] > p[best]) best = k;
        return best;
    }

    /// <summary>SHA-256 of the clips' samples, their labels, the rate and the classifier's version: the cache key.</summary>
    private static string Hash(IReadOnlyList<float[]> clips, IReadOnlyList<string> labels, int sampleRate)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"v{Version} {sampleRate} {clips.Count}\n"));
        for (int i = 0; i < clips.Count; i++)
        {
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(clips[i].AsSpan()));
            sha.AppendData(Encoding.UTF8.GetBytes(labels[i] + "\n"));
        }
        return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
    }

    private static ReadOnlySpan<byte> Magic => "BGANACLS"u8;

    /// <summary>Writes the classifier atomically.</summary>
    public void Save(string path) =>
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(Version);
            SectionedFile.WriteSection(w, s => s.Write(JsonSerializer.Serialize(Header)));
            SectionedFile.WriteSection(w, s => network.save(s));
        });

    /// <summary>Reads a classifier written by <see cref="Save"/>.</summary>
    public static AudioClassifier Load(string path) =>
        ModelFileReader.Guard(path, () =>
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            ModelFileReader.ReadFraming(r, path, Magic, "audio classifier", Version, Version);
            ClassifierHeader header = null!;
            SectionedFile.ReadSection(r, "header", br => header = JsonSerializer.Deserialize<ClassifierHeader>(br.ReadString()) ?? throw new InvalidDataException("empty header"));
            var model = new AudioClassifier(header);
            SectionedFile.ReadSection(r, "network", br => model.network.load(br, strict: true));
            model.network.eval();
            return model;
        });

    /// <inheritdoc />
    public void Dispose()
    {
        network.Dispose();
        logMel.Dispose();
        mean.Dispose();
        std.Dispose();
    }

    /// <summary>Log-mel bands as channels: three convolutions over time, mean ⊕ max pooling, 128 features, the labels' logits.</summary>
    private sealed class Network : nn.Module<Tensor, (Tensor Logits, Tensor Features)>
    {
        private readonly UnfoldConv1d conv1, conv2, conv3;
        private readonly Linear hidden, output;
        private readonly InvertedDropout dropout;

        public Network(int mels, int labels) : base("AudioClassifierNetwork")
        {
            conv1 = new UnfoldConv1d(mels, 64, 5, padding: 2);
            conv2 = new UnfoldConv1d(64, 96, 5, padding: 2);
            conv3 = new UnfoldConv1d(96, 128, 3, padding: 1);
            hidden = nn.Linear(256, 128);
            output = nn.Linear(128, labels);
            dropout = new InvertedDropout(0.3);
            RegisterComponents();
        }

        public override (Tensor Logits, Tensor Features) forward(Tensor x)
        {
            x = nn.functional.max_pool1d(nn.functional.relu(conv1.call(x)), 2);
            x = nn.functional.max_pool1d(nn.functional.relu(conv2.call(x)), 2);
            x = nn.functional.relu(conv3.call(x));
            var pooled = cat([x.mean([2]), x.amax([2])], 1);
            var features = nn.functional.relu(hidden.call(dropout.call(pooled)));
            return (output.call(features), features);
        }
    }
}

/// <summary>What a cached <see cref="AudioClassifier"/> records besides its weights.</summary>
public sealed record ClassifierHeader
{
    /// <summary>Labels in output order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }
    /// <summary>Sample rate of the clips it reads.</summary>
    public required int SampleRate { get; init; }
    /// <summary>Per-band mean of the training log-mels.</summary>
    public required float[] Mean { get; init; }
    /// <summary>Per-band standard deviation of the training log-mels.</summary>
    public required float[] Std { get; init; }
    /// <summary>SHA-256 of the training clips and labels.</summary>
    public required string DataHash { get; init; }
    /// <summary>Training clips.</summary>
    public required int TrainingClips { get; init; }
}
