using System.Text.Json;
using BeyondGan.Text.Metrics;
using BeyondGan.Text.Tokenization;

namespace BeyondGan.Text.Tests;

public class BleuTests
{
    private sealed record Cases(string[][] refs, string[][] hyps, double[][] bleu, double[][] self, JsonElement[][] tokens);

    private static readonly Cases Nltk = JsonSerializer.Deserialize<Cases>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Nltk", "nltk_cases.json")))!;

    [Fact]
    public void Sentence_BLEU_matches_NLTK_to_1e9_at_every_order()
    {
        var bleu = new Bleu(Nltk.refs);
        for (int i = 0; i < Nltk.hyps.Length; i++)
        {
            var ours = bleu.Sentence(Nltk.hyps[i]);
            for (int n = 0; n < 5; n++) Assert.True(Math.Abs(Nltk.bleu[i][n] - ours[n]) < 1e-9, $"hypothesis {i} BLEU-{n + 1}: NLTK {Nltk.bleu[i][n]}, ours {ours[n]}");
        }
    }

    [Fact]
    public void Self_BLEU_is_exact_leave_one_out_as_NLTK_against_the_other_sentences()
    {
        var self = SelfBleu.Score(Nltk.refs);
        Assert.Equal(Nltk.refs.Length, self.Count);
        for (int n = 1; n <= 5; n++)
            Assert.Equal(Nltk.self.Average(s => s[n - 1]), self[n], 1e-9);
    }

    [Fact]
    public void Hand_computed_cases()
    {
        // Hypothesis "a a a b" against "a b c": unigrams clipped a:1, b:1 → 2/4; bigrams "a a"×2 unmatched, "a b" matched → 1/3.
        // Lengths 4 > 3: no brevity penalty. BLEU-2 = exp(½ ln ½ + ½ ln ⅓) = √(1/6).
        var bleu = new Bleu([["a", "b", "c"]]);
        var s = bleu.Sentence(["a", "a", "a", "b"]);
        Assert.Equal(0.5, s[0], 12);
        Assert.Equal(Math.Sqrt(1.0 / 6), s[1], 12);
        // Trigrams: none of 2 match → smoothed 0.1 / 2.
        Assert.Equal(Math.Exp((Math.Log(0.5) + Math.Log(1.0 / 3) + Math.Log(0.05)) / 3), s[2], 12);
        // A shorter hypothesis pays exp(1 − r/h): "a b" against "a b c d" → e^(1 − 2) on BLEU-1 = 1.
        Assert.Equal(Math.Exp(-1), new Bleu([["a", "b", "c", "d"]]).Sentence(["a", "b"])[0], 12);
        // The closest reference length wins, the shorter on a tie: lengths 2 and 4 for a hypothesis of 3 → r = 2, no penalty.
        Assert.Equal(1.0, new Bleu([["x", "y"], ["a", "b", "c", "d"]]).Sentence(["a", "b", "c"])[0], 12);
        // No unigram in common → 0 at every order; an empty hypothesis → 0.
        Assert.All(bleu.Sentence(["zebra"]), v => Assert.Equal(0, v));
        Assert.All(bleu.Sentence([]), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Self_BLEU_leaves_out_only_the_sentence_itself()
    {
        // Two identical sentences score 1 against each other; a third unrelated one scores 0.
        var self = SelfBleu.Score([["a", "b", "c"], ["a", "b", "c"], ["x", "y", "z"]]);
        Assert.Equal(2.0 / 3, self[1], 12);
        Assert.Equal(2.0 / 3, self[3], 12);
        // With itself counted among its references (the common bug), every sentence would score 1.
        Assert.Throws<ArgumentException>(() => SelfBleu.Score([["a"]]));
    }

    [Fact]
    public void The_tokenizer_splits_as_NLTK_word_tokenize()
    {
        var tokenizer = new TreebankWordTokenizer();
        foreach (var pair in Nltk.tokens)
        {
            string text = pair[0].GetString()!;
            var expected = pair[1].EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.Equal(expected, tokenizer.Tokenize(text));
        }
    }
}
