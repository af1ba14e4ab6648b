using System.Text;
using BeyondGan.Runtime;
using BeyondGan.Text.Data;
using BeyondGan.Text.Model;
using BeyondGan.Text.Tokenization;

namespace BeyondGan.Text.Tests;

public sealed class LanguageModelTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-text-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>Two sentence shapes with a few nouns: learnable in a few hundred tiny steps.</summary>
    internal static TextCorpus Corpus()
    {
        var nouns = new[] { "cat", "dog", "bird", "horse" };
        var places = new[] { "mat", "park", "house" };
        var lines = new List<string>();
        var rng = new Random(1);
        for (int i = 0; i < 200; i++)
            lines.Add(i % 2 == 0 ? $"a {nouns[rng.Next(4)]} sat on the {places[rng.Next(3)]}." : $"the {nouns[rng.Next(4)]} ran in the {places[rng.Next(3)]}.");
        return TextCorpus.Parse("toy.txt", Encoding.UTF8.GetBytes(string.Join("\n", lines)));
    }

    internal static readonly TextModelOptions Tiny = new() { Steps = 300, BatchSize = 16, Embedding = 16, Hidden = 32, Dropout = 0, LearningRate = 1e-2 };

    /// <summary>The sentences of a seeded draw, one line each: what two models that should agree are compared on.</summary>
    private static string Draw(TextSynthesizer m, int count, long seed) => string.Join("\n", m.Sample(count, seed: seed).Select(s => string.Join(' ', s)));

    /// <summary>Saves <paramref name="model"/> as <paramref name="file"/> and loads it back; the copy must draw the same sentences.</summary>
    private TextSynthesizer AssertRoundTrips(TextSynthesizer model, string file, int count, long seed)
    {
        var path = Path.Combine(dir, file);
        TextModelFile.Save(path, model);
        var loaded = TextModelFile.Load(path);
        Assert.Equal(Draw(model, count, seed), Draw(loaded, count, seed));
        return loaded;
    }

    private static TextSynthesizer Fit(TextModelOptions? o = null)
    {
        TorchRuntime.SetThreads(1);
        return TextSynthesizer.Fit(Corpus(), o ?? Tiny);
    }

    [Fact]
    public void The_language_model_learns_the_corpus()
    {
        using var model = Fit();
        var nll = model.History.Series("mle/nll").Select(p => p.Value).ToList();
        Assert.True(nll.TakeLast(20).Average() < 0.5 * nll.Take(20).Average(), $"NLL {nll.Take(20).Average():F2} → {nll.TakeLast(20).Average():F2}");
        // Greedy-ish sampling reproduces the corpus's two shapes.
        var samples = model.Sample(40, new TextSamplingOptions { Temperature = 0.3 }, seed: 1).Select(s => string.Join(' ', s)).ToList();
        Assert.True(samples.Count(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"^(a \w+ sat on|the \w+ ran in) the \w+ \.$")) >= 36, string.Join(" | ", samples));
        var (perToken, padded) = model.NegativeLogLikelihood(Corpus(), paddedLength: 20);
        Assert.InRange(perToken, 0, 1.5);
        Assert.True(padded < perToken);
    }

    [Fact]
    public void Same_seed_same_sentences_and_the_model_file_round_trips()
    {
        using var a = Fit(Tiny with { Steps = 30 });
        using var b = Fit(Tiny with { Steps = 30 });
        Assert.Equal(Draw(a, 700, 3), Draw(b, 700, 3));
        Assert.NotEqual(Draw(a, 700, 3), Draw(a, 700, 4));
        using var loaded = AssertRoundTrips(a, "m.bgan", 700, 3);
        var path = Path.Combine(dir, "m.bgan");
        Assert.Equal(a.State.Vocabulary.Tokens, loaded.State.Vocabulary.Tokens);

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(Path.Combine(dir, "cut.bgan"), bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated or corrupt", Assert.Throws<InvalidDataException>(() => TextModelFile.Load(Path.Combine(dir, "cut.bgan"))).Message);
        File.WriteAllBytes(Path.Combine(dir, "t.bgan"), [.. "BGANSEQS"u8.ToArray(), 1, 0, 0, 0]);
        Assert.Contains("time-series model", Assert.Throws<InvalidDataException>(() => TextModelFile.Load(Path.Combine(dir, "t.bgan"))).Message);
        bytes[8] = 9;
        File.WriteAllBytes(Path.Combine(dir, "v9.bgan"), bytes);
        Assert.Contains("version 9", Assert.Throws<InvalidDataException>(() => TextModelFile.Load(Path.Combine(dir, "v9.bgan"))).Message);
    }

    [Fact]
    public void Top_k_of_one_is_greedy_and_sentences_never_exceed_the_maximum_length()
    {
        using var model = Fit(Tiny with { Steps = 20, MaxLength = 5 });
        var greedy = model.Sample(10, new TextSamplingOptions { TopK = 1 }, seed: 1).Select(s => string.Join(' ', s)).Distinct().ToList();
        Assert.Single(greedy);
        Assert.All(model.Sample(50, new TextSamplingOptions { Temperature = 3 }, seed: 2), s => Assert.True(s.Count <= 5));
        Assert.All(model.Sample(50, new TextSamplingOptions { TopP = 0.01 }, seed: 2).Select(s => string.Join(' ', s)).Distinct(), _ => { });
        Assert.Throws<ArgumentException>(() => model.Sample(1, new TextSamplingOptions { Temperature = 0 }).ToList());
    }

    [Fact]
    public void A_minimum_length_with_the_maximum_gives_sentences_of_exactly_that_length()
    {
        using var model = Fit(Tiny with { Steps = 100, MaxLength = 12 });
        Assert.All(model.Sample(40, new TextSamplingOptions { MinLength = 12 }, seed: 1), s => Assert.Equal(12, s.Count));
        Assert.All(model.Sample(40, new TextSamplingOptions { MinLength = 9, TopK = 1 }, seed: 1), s => Assert.InRange(s.Count, 9, 12));
    }

    [Fact]
    public void Long_sentences_are_truncated_or_refused_by_option()
    {
        TorchRuntime.SetThreads(1);
        var corpus = TextCorpus.Parse("long.txt", "a b c d e f g\na b\n"u8);
        using var model = TextSynthesizer.Fit(corpus, Tiny with { Steps = 1, MaxLength = 4 });
        Assert.Equal(1, model.State.TruncatedSentences);
        var e = Assert.Throws<InvalidDataException>(() => TextSynthesizer.Fit(corpus, Tiny with { Steps = 1, MaxLength = 4, RefuseLong = true }));
        Assert.Contains("long.txt, line 1: 7 tokens", e.Message);
    }

    [Fact]
    public void Detokenized_text_tokenizes_back_to_the_same_tokens()
    {
        var tokenizer = new TreebankWordTokenizer();
        foreach (var text in new[] { "a man's dog can't run.", "he said, \"hello there\" and left...", "(a test) costs $5 -- or 10%!", "i'd say we're gonna win.", "a plate with chips and a burger." })
        {
            var tokens = tokenizer.Tokenize(text);
            Assert.Equal(tokens, tokenizer.Tokenize(Detokenizer.Join(tokens)));
        }
        Assert.Equal("a man's dog can't run.", Detokenizer.Join(tokenizer.Tokenize("a man's dog can't run.")));
    }

    [Fact]
    public void RelGAN_pretrains_by_MLE_then_plays_the_game_through_the_engine_reproducibly()
    {
        var o = Tiny with { Model = "relgan", Steps = 150, AdversarialSteps = 6, CriticRepresentations = 2, CriticEmbedding = 8, CriticFilters = 8, BetaMax = 10 };
        var phases = new List<string>();
        TorchRuntime.SetThreads(1);
        using var a = TextSynthesizer.Fit(Corpus(), o, progress: (phase, _, _) => { if (phases.LastOrDefault() != phase) phases.Add(phase); });
        Assert.Equal(["mle", "adversarial"], phases);
        Assert.Equal(156, a.StepsTrained);
        Assert.True(a.IsComplete);
        Assert.Contains("adversarial/critic_loss", a.History.Columns);
        Assert.All(a.History.Series("adversarial/generator_loss"), p => Assert.True(double.IsFinite(p.Value)));
        using var b = TextSynthesizer.Fit(Corpus(), o);
        Assert.Equal(Draw(a, 50, 1), Draw(b, 50, 1));
        using var loaded = AssertRoundTrips(a, "relgan.bgan", 50, 1);
        Assert.Equal("relgan", loaded.State.Model);
    }

    [Fact]
    public void A_sub_word_model_learns_units_writes_words_and_round_trips()
    {
        using var model = Fit(Tiny with { Subwords = 15, Steps = 300 });
        Assert.Equal(15, model.State.BpeMerges!.Count);
        Assert.Contains("byte-pair units", model.State.Tokenizer);
        var words = LanguageModelTests.Corpus().Lines.SelectMany(l => new TreebankWordTokenizer().Tokenize(l)).ToHashSet();
        var drawn = model.Sample(100, seed: 2).ToList();
        // Samples come back as words; nearly all are words of the corpus (units can combine into new ones, rarely here).
        double known = drawn.SelectMany(s => s).Count(words.Contains) / (double)drawn.Sum(s => s.Count);
        Assert.True(known > 0.95, $"{known:P1} of generated words are corpus words");
        Assert.True(model.State.Vocabulary.Count < words.Count + 30);
        // An unseen word of known letters is scored through its units, not as <unk>.
        var units = model.Units(["cats"]);
        Assert.DoesNotContain(Vocabulary.UnknownToken, units);
        using var loaded = AssertRoundTrips(model, "bpe.bgan", 30, 4);
        Assert.Equal(model.State.BpeMerges, loaded.State.BpeMerges);
        Assert.True(double.IsFinite(loaded.NegativeLogLikelihood(LanguageModelTests.Corpus(), 12).PerToken));
    }

    [Fact]
    public void The_relational_memory_model_learns_the_corpus_and_steps_as_it_reads()
    {
        using var model = Fit(Tiny with { Generator = "rmc", Heads = 2, HeadSize = 8, MemorySlots = 2, Steps = 300 });
        Assert.IsType<RelationalMemoryLanguageModel>(model.Network);
        var lines = LanguageModelTests.Corpus().Lines.Select(l => string.Join(' ', new TreebankWordTokenizer().Tokenize(l))).ToHashSet();
        var drawn = model.Sample(100, new TextSamplingOptions { Temperature = 0.5 }, seed: 3).Select(s => string.Join(' ', s)).ToList();
        Assert.True(drawn.Count(lines.Contains) >= 80, $"{drawn.Count(lines.Contains)} of 100 samples are corpus sentences");
        // Teacher-forced logits equal the step-by-step ones (evaluation mode: no dropout).
        model.Network.eval();
        using var _ = TorchSharp.torch.no_grad();
        var ids = TorchSharp.torch.tensor(new long[,] { { 1, 5, 6, 7 }, { 1, 8, 4, 5 } });
        var whole = model.Network.Logits(ids, null);
        (TorchSharp.torch.Tensor, TorchSharp.torch.Tensor)? state = null;
        for (int t = 0; t < 4; t++)
        {
            var (logits, next) = model.Network.Step(ids.select(1, t), state);
            state = next;
            Assert.True(logits.allclose(whole.select(1, t), rtol: 1e-4, atol: 1e-5), $"step {t}");
        }
        using var loaded = AssertRoundTrips(model, "rmc.bgan", 30, 4);
    }

    [Fact]
    public void SeqGAN_pretrains_the_generator_then_the_discriminator_then_plays_by_policy_gradient_reproducibly()
    {
        var o = Tiny with { Model = "seqgan", Steps = 150, CriticPretrainSteps = 4, AdversarialSteps = 3, Rollouts = 2, CriticRepresentations = 1, CriticEmbedding = 8, CriticFilters = 8 };
        var phases = new List<string>();
        TorchRuntime.SetThreads(1);
        using var a = TextSynthesizer.Fit(Corpus(), o, progress: (phase, _, _) => { if (phases.LastOrDefault() != phase) phases.Add(phase); });
        Assert.Equal(["mle", "critic", "adversarial"], phases);
        Assert.Equal(157, a.StepsTrained);
        Assert.True(a.IsComplete);
        Assert.Equal(4, a.History.Series("critic/critic_loss").Count());
        var rewards = a.History.Series("adversarial/generator_loss").ToList();
        Assert.Equal(3, rewards.Count);
        Assert.All(rewards, p => Assert.True(double.IsFinite(p.Value)));
        using var b = TextSynthesizer.Fit(Corpus(), o);
        Assert.Equal(Draw(a, 50, 1), Draw(b, 50, 1));
        using var loaded = AssertRoundTrips(a, "seqgan.bgan", 50, 1);
        Assert.Equal("seqgan", loaded.State.Model);
    }

    [Fact]
    public void As_a_policy_the_generator_gives_each_tokens_log_probability_and_rollouts_that_keep_the_prefix()
    {
        TorchRuntime.SetThreads(1);
        using var model = Fit(Tiny with { Steps = 150 });
        int length = 9, vocabulary = model.State.Vocabulary.Count;
        using var g = new TextGenerator(model.Network, vocabulary, length);
        model.Network.eval();
        using var rng = new TorchSharp.torch.Generator(3);
        using var _ = TorchSharp.torch.no_grad();
        var (sample, logp) = g.SampleWithLogProbabilities(TorchSharp.torch.zeros(6, 1), null, rng);
        var ids = sample.argmax(2);
        // The log-probabilities are the teacher-forced model's at the drawn tokens (0 after the end and at the forced last end).
        var input = TorchSharp.torch.cat([TorchSharp.torch.full(6, 1, Vocabulary.Begin, TorchSharp.torch.ScalarType.Int64), ids.narrow(1, 0, length - 1)], 1);
        var (logits, _) = model.Network.Run(input, null);
        var never = TorchSharp.torch.zeros(vocabulary);
        never[Vocabulary.Pad] = TorchSharp.torch.tensor(float.NegativeInfinity);
        never[Vocabulary.Begin] = TorchSharp.torch.tensor(float.NegativeInfinity);
        var expected = (logits + never).log_softmax(2).gather(2, ids.unsqueeze(2)).squeeze(2).data<float>().ToArray();
        var actual = logp.data<float>().ToArray();
        var flatIds = ids.data<long>().ToArray();
        for (int i = 0; i < 6; i++)
        {
            int end = Array.IndexOf(flatIds.Skip(i * length).Take(length).ToArray(), (long)Vocabulary.End);
            for (int t = 0; t < length; t++)
                Assert.Equal(t <= end && t < length - 1 ? expected[i * length + t] : 0f, actual[i * length + t], 4);
        }
        // Rollouts: one block per prefix k = 1..8, each row keeps the sample's first k tokens and is a well-formed sentence.
        var blocks = g.Rollouts(sample, 5, null, rng).ToList();
        Assert.Equal(length - 1, blocks.Count);
        for (int k = 1; k < length; k++)
        {
            var rows = blocks[k - 1].data<long>().ToArray();
            Assert.Equal(30 * length, rows.Length);
            for (int r = 0; r < 30; r++)
            {
                var row = rows.Skip(r * length).Take(length).ToArray();
                Assert.Equal(flatIds.Skip((r % 6) * length).Take(k), row.Take(k));
                int end = Array.IndexOf(row, (long)Vocabulary.End);
                Assert.True(end >= 0);
                Assert.All(row.Skip(end + 1), id => Assert.Equal(Vocabulary.Pad, id));
                Assert.DoesNotContain((long)Vocabulary.Begin, row);
            }
        }
        // The critic scores ids as it scores their one-hots.
        using var critic = new TextCritic(vocabulary, 2, 4, 3);
        critic.eval();
        Assert.Equal(critic.call(sample, null).data<float>().ToArray(), critic.call(ids, null).data<float>().ToArray(), new FloatClose(1e-5f));
        // The first drawn token of 2,000 completions of the one-token prefix follows the model's next-token distribution.
        var one = sample.narrow(0, 0, 1);
        var firstDrawn = g.Rollouts(one, 2000, null, rng).First().select(1, 1).data<long>().ToArray();
        var p = (logits.narrow(0, 0, 1).select(1, 1) + never).softmax(1).squeeze(0).data<float>().ToArray();
        int likeliest = Array.IndexOf(p, p.Max());
        double share = firstDrawn.Count(t => t == likeliest) / 2000.0;
        Assert.True(Math.Abs(share - p[likeliest]) < 0.04, $"share {share:F3} vs p {p[likeliest]:F3}");
    }

    [Fact]
    public void The_text_generator_emits_relaxed_one_hots_that_end_in_padding()
    {
        TorchRuntime.SetThreads(1);
        using var model = Fit(Tiny with { Steps = 100 });
        using var g = new TextGenerator(model.Network, model.State.Vocabulary.Count, 9) { InverseTemperature = 1000 };
        using var rng = new TorchSharp.torch.Generator(1);
        g.NoiseGenerator = rng;
        using var _ = TorchSharp.torch.no_grad();
        var x = g.call(TorchSharp.torch.zeros(4, 1), null);
        Assert.Equal(new long[] { 4, 9, model.State.Vocabulary.Count }, x.shape);
        var sums = x.sum(2).data<float>().ToArray();
        Assert.All(sums, v => Assert.Equal(1f, v, 3));
        g.StraightThroughEstimator = true;
        var hard = g.call(TorchSharp.torch.zeros(4, 1), null).data<float>().ToArray();
        Assert.All(hard, v => Assert.True(Math.Abs(v) < 1e-6 || Math.Abs(v - 1) < 1e-6));   // exact one-hots
        g.StraightThroughEstimator = false;
        // Every sentence has an end, and after it only padding (exact one-hots of id 0).
        var ids = x.argmax(2).data<long>().ToArray();
        for (int i = 0; i < 4; i++)
        {
            var row = ids.Skip(i * 9).Take(9).ToArray();
            int end = Array.IndexOf(row, (long)Vocabulary.End);
            Assert.True(end >= 0);
            Assert.All(row.Skip(end + 1), id => Assert.Equal(Vocabulary.Pad, id));
        }
    }

    [Fact]
    public void A_conditional_model_generates_each_sentence_for_its_label()
    {
        var animals = new[] { "cat", "dog", "bird" };
        var lines = new List<string>();
        var labels = new List<string>();
        for (int i = 0; i < 200; i++)
        {
            bool news = i % 2 == 0;
            lines.Add(news ? $"the minister said on {new[] { "monday", "friday" }[i % 4 / 2]} that taxes will rise ." : $"a {animals[i % 3]} sits on the mat .");
            labels.Add(news ? "news" : "caption");
        }
        var corpus = TextCorpus.Labelled("labelled", lines, labels);
        TorchRuntime.SetThreads(1);
        using var model = TextSynthesizer.Fit(corpus, Tiny with { Steps = 200 });
        Assert.Equal(["caption", "news"], model.State.Labels);
        var tokenizer = new TreebankWordTokenizer();
        var classifier = Metrics.LabelClassifier.Train(lines.Select(l => (IReadOnlyList<string>)tokenizer.Tokenize(l)).ToList(), labels);
        foreach (var label in new[] { "news", "caption" })
        {
            var drawn = model.Sample(60, seed: 2, label: label).ToList();
            Assert.True(classifier.Accuracy(drawn, Enumerable.Repeat(label, drawn.Count).ToList()) >= 0.95, label);
        }
        Assert.Contains("not a label", Assert.Throws<ArgumentException>(() => model.Sample(1, label: "poem")).Message);
        using var plain = Fit(Tiny with { Steps = 5 });
        Assert.Contains("without labels", Assert.Throws<ArgumentException>(() => plain.Sample(1, label: "news")).Message);
        var path = Path.Combine(dir, "c.bgan");
        TextModelFile.Save(path, model);
        using var loaded = TextModelFile.Load(path);
        Assert.Equal(string.Join("|", model.Sample(20, seed: 5, label: "news").Select(x => string.Join(' ', x))), string.Join("|", loaded.Sample(20, seed: 5, label: "news").Select(x => string.Join(' ', x))));
    }

    [Fact]
    public void A_column_of_a_table_is_read_with_its_labels_and_bad_label_columns_are_refused()
    {
        var path = Path.Combine(dir, "t.csv");
        File.WriteAllText(path, "id,text,kind\n1,a cat sat.,caption\n2,,caption\n3,taxes rise.,news\n");
        var c = TextCorpus.ReadColumn(path, "text", "kind");
        Assert.Equal(["a cat sat.", "taxes rise."], c.Lines);
        Assert.Equal(["caption", "news"], c.Labels!);
        Assert.Equal(1, c.EmptyLines);
        Assert.Contains("no column 'body'", Assert.Throws<InvalidDataException>(() => TextCorpus.ReadColumn(path, "body")).Message);
        File.WriteAllText(path, "text,kind\na cat sat.,caption\na dog ran.,caption\n");
        Assert.Contains("one class", Assert.Throws<InvalidDataException>(() => TextCorpus.ReadColumn(path, "text", "kind")).Message);
        File.WriteAllText(path, "text,kind\na cat sat.,caption\na dog ran.,\n");
        Assert.Contains("line 3, column kind: the label is missing", Assert.Throws<InvalidDataException>(() => TextCorpus.ReadColumn(path, "text", "kind")).Message);
    }
}

internal sealed class FloatClose(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;
    public int GetHashCode(float v) => 0;
}
