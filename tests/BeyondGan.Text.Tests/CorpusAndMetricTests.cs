using System.Text;
using BeyondGan.Text.Data;
using BeyondGan.Text.Evaluation;
using BeyondGan.Text.Metrics;

namespace BeyondGan.Text.Tests;

public class CorpusAndMetricTests
{
    [Fact]
    public void A_corpus_keeps_non_empty_lines_with_their_numbers()
    {
        var c = TextCorpus.Parse("c.txt", Encoding.UTF8.GetBytes("\uFEFFa cat .\r\n\n  \nthe dog\n"));
        Assert.Equal(["a cat .", "the dog"], c.Lines);
        Assert.Equal([1, 4], c.LineNumbers);
        Assert.Equal(2, c.EmptyLines);
    }

    [Fact]
    public void Bad_corpora_are_refused_with_the_file_and_line()
    {
        Assert.Contains("c.txt: the file is empty", Assert.Throws<InvalidDataException>(() => TextCorpus.Parse("c.txt", [])).Message);
        Assert.Contains("every line is empty", Assert.Throws<InvalidDataException>(() => TextCorpus.Parse("c.txt", "\n \n"u8)).Message);
        Assert.Contains("c.txt, line 2: not valid UTF-8", Assert.Throws<InvalidDataException>(() => TextCorpus.Parse("c.txt", [(byte)'a', (byte)'\n', 0xC3, 0x28])).Message);
        Assert.Contains("c.txt, line 1: a NUL byte", Assert.Throws<InvalidDataException>(() => TextCorpus.Parse("c.txt", [(byte)'a', 0])).Message);
        Assert.Throws<FileNotFoundException>(() => TextCorpus.Read("/nonexistent/c.txt"));
    }

    [Fact]
    public void Distinct_n_JSD_and_copies_by_hand()
    {
        IReadOnlyList<string>[] s = [["a", "b", "a"], ["a", "b"]];
        // Unigrams a, b, a, a, b: 2 distinct of 5. Bigrams ab, ba, ab: 2 of 3.
        Assert.Equal(0.4, DistinctNGrams.Score(s, 1), 12);
        Assert.Equal(2.0 / 3, DistinctNGrams.Score(s, 2), 12);
        // Same distributions → 0; disjoint → 1; {a:1} against {a:½, b:½} → ½·log2(1/0.75) + ½·(½·log2(0.5/0.75) + ½·log2(0.5/0.25)).
        Assert.Equal(0, NGramDivergence.Score(s, s, 1), 12);
        Assert.Equal(1, NGramDivergence.Score([["a"]], [["b"]], 1), 12);
        double expected = 0.5 * Math.Log2(1 / 0.75) + 0.5 * (0.5 * Math.Log2(0.5 / 0.75) + 0.5 * Math.Log2(0.5 / 0.25));
        Assert.Equal(expected, NGramDivergence.Score([["a"]], [["a", "b"]], 1), 12);
        Assert.Equal(0.5, CopiedShare.Score(s, [["a", "b"], ["c"]]), 12);
    }

    [Fact]
    public void The_evaluation_scores_real_against_itself_as_a_perfect_match()
    {
        var real = TextCorpus.Parse("r.txt", "a cat sat on the mat .\nthe dog ran in the park .\na bird flew over the house .\n"u8);
        var r = TextEvaluation.Compute(real, real, training: real);
        Assert.All(r.Bleu.Values, v => Assert.Equal(1, v, 12));
        Assert.All(r.NGramJsd.Values, v => Assert.Equal(0, v, 12));
        Assert.Equal(1, r.Copied);
        Assert.Equal(3, r.SelfBleuSentences);
        Assert.True(r.SelfBleu!["self_bleu2"] < 0.6);
    }
}

public class EmbeddingDistanceTests
{
    [Fact]
    public void Text_like_the_real_text_is_nearer_than_text_unlike_it_and_the_floor_is_real_against_real()
    {
        var real = LanguageModelTests.Corpus().Lines;
        var alike = real.Reverse().ToList();
        var unlike = Enumerable.Range(0, real.Count).Select(i => $"quarterly revenue rose {i} percent as the bank cut its forecast for the year").ToList();
        using var fed = new BeyondGan.Text.Metrics.EmbeddingFrechetDistance();
        var near = fed.Score(real, alike);
        var far = fed.Score(real, unlike);
        Assert.Equal(real.Count / 2, near.Sentences);
        Assert.Equal(near.Floor, far.Floor, 9);             // the same seeded halves
        Assert.True(near.Distance < far.Distance / 5, $"alike {near.Distance:F4}, unlike {far.Distance:F4}");
        Assert.True(near.Floor >= -1e-9 && near.Floor < far.Distance / 5, $"floor {near.Floor:F4}");
        Assert.Equal(384, fed.Embed(["a cat sat on the mat."])[0].Length);
    }
}
