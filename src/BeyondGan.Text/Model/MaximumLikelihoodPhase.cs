using BeyondGan.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Text.Model;

/// <summary>
/// Maximum-likelihood training of a language model by teacher forcing: each step draws a batch of sentences (uniformly,
/// from the schedule's random generator), predicts every next token and minimises the cross-entropy, padding ignored;
/// Adam, gradients clipped to a global norm. The pre-training phase of SeqGAN and RelGAN, and the MLE baseline itself.
/// </summary>
public sealed class MaximumLikelihoodPhase : TrainingPhase
{
    private readonly LanguageModel model;
    private readonly Tensor sentences;
    private readonly Tensor? labels;
    private readonly long[] lengths;
    private readonly TextModelOptions options;
    private OptimizerHelper? optimizer;

    /// <summary>A phase of <paramref name="steps"/> steps over <paramref name="encoded"/> ([Begin, tokens…, End] per sentence), each with its label id in <paramref name="labelIds"/> for a conditional model.</summary>
    public MaximumLikelihoodPhase(LanguageModel model, IReadOnlyList<int[]> encoded, TextModelOptions options, long steps, string name = "mle", IReadOnlyList<int>? labelIds = null) : base(name, steps)
    {
        if (labelIds is not null) labels = tensor(labelIds.Select(l => (long)l).ToArray());
        this.model = model;
        this.options = options;
        int width = encoded.Max(e => e.Length);
        var flat = new long[(long)encoded.Count * width];
        for (int i = 0; i < encoded.Count; i++) for (int t = 0; t < encoded[i].Length; t++) flat[(long)i * width + t] = encoded[i][t];
        sentences = tensor(flat, new long[] { encoded.Count, width });
        lengths = encoded.Select(e => (long)e.Length).ToArray();
    }

    /// <inheritdoc />
    public override void Begin()
    {
        model.train();
        optimizer ??= new OptimizerSpec { Kind = OptimizerKind.FlatAdam, LearningRate = options.LearningRate, Beta1 = 0.9, Beta2 = 0.999 }.Create(model.parameters());
    }

    /// <inheritdoc />
    public override void Step(PhaseStep step)
    {
        var rows = randint(lengths.Length, new long[] { options.BatchSize }, generator: step.Rng);
        long longest = rows.data<long>().ToArray().Max(r => lengths[r]);
        var batch = sentences.index_select(0, rows).narrow(1, 0, longest).to(step.Device);
        var input = batch.narrow(1, 0, longest - 1);
        var target = batch.narrow(1, 1, longest - 1);
        optimizer!.zero_grad();
        var logits = model.Logits(input, labels?.index_select(0, rows).to(step.Device));
        var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), target.reshape(-1), ignore_index: 0);
        loss.backward();
        if (options.GradientClip > 0) nn.utils.clip_grad_norm_(model.parameters(), options.GradientClip);
        optimizer.step();
        step.Record("nll", loss.item<float>());
    }
}
