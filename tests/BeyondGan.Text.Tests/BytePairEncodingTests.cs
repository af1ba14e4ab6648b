using BeyondGan.Text.Tokenization;

namespace BeyondGan.Text.Tests;

public class BytePairEncodingTests
{
    private static List<IReadOnlyList<string>> Sennrich() =>
        [.. Enumerable.Repeat<IReadOnlyList<string>>(["low"], 5), .. Enumerable.Repeat<IReadOnlyList<string>>(["lower"], 2),
         .. Enumerable.Repeat<IReadOnlyList<string>>(["newest"], 6), .. Enumerable.Repeat<IReadOnlyList<string>>(["widest"], 3)];

    [Fact]
    public void The_merges_are_the_most_frequent_pairs_in_order_as_computed_by_hand()
    {
        // newest ×6, widest ×3: (e, s) and (s, t</w>) 9 each, ties by text → "e s"; then (es, t</w>) 9; then (l, o) 7;
        // then (e, w), (n, e) and (w, est</w>) 6 each → "e w".
        var bpe = BytePairEncoding.Train(Sennrich(), 4);
        Assert.Equal(["e s", "es t</w>", "l o", "e w"], bpe.Merges);
        Assert.Equal(["d", "e", "i", "l", "n", "o", "r", "s", "t", "w"], bpe.Alphabet);
    }

    [Fact]
    public void Words_split_by_the_library_with_the_learnt_merges_and_join_back()
    {
        // The four merges above, applied in order: n e w e s t</w> → n e w es t</w> → n e w est</w> → n ew est</w>.
        var bpe = BytePairEncoding.Train(Sennrich(), 4);
        Assert.Equal(["n", "ew", "est</w>"], bpe.Split("newest"));
        Assert.Equal(["lo", "w</w>"], bpe.Split("low"));
        Assert.Equal(["lo", "w", "e", "r</w>"], bpe.Split("lower"));
        // An unseen word of known characters is split into known units; an unseen character is <unk>.
        Assert.Equal(["lo", "w", "est</w>"], bpe.Split("lowest"));
        Assert.Contains(Vocabulary.UnknownToken, bpe.Split("lowz"));
        foreach (var w in new[] { "low", "lower", "newest", "widest", "lowest", "slow", "w" })
            Assert.Equal([w], BytePairEncoding.Join(bpe.Split(w)));
        Assert.Equal(["new", "low", "er"], BytePairEncoding.Join(["n", "ew</w>", "low</w>", "er"]));
        // The same merges, rebuilt (as from a model file), split the same way.
        var again = new BytePairEncoding(bpe.Alphabet, bpe.Merges);
        Assert.Equal(bpe.Encode(["newest", "lower", "wide"]), again.Encode(["newest", "lower", "wide"]));
    }
}
