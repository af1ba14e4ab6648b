using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace BeyondGan.Text.Tokenization;

/// <summary>
/// Sub-word units by byte-pair encoding (Sennrich et al. 2016, Algorithm 1) for open vocabularies: each word is its
/// characters, the last marked as the end of the word ("&lt;/w&gt;"), and the most frequent adjacent pair of symbols in the
/// training words is merged, <c>merges</c> times (ties broken by the pair's text, so training is deterministic).
/// Words are split by Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/> built from the learnt merges; the merges
/// themselves are learnt here because that library encodes with a BPE vocabulary but has no trainer. A character
/// never seen in training becomes &lt;unk&gt;. <see cref="Join"/> turns units back into words.
/// </summary>
public sealed class BytePairEncoding
{
    /// <summary>The mark of a word's last unit.</summary>
    public const string EndOfWord = "</w>";

    private readonly BpeTokenizer tokenizer;
    private readonly Dictionary<string, string[]> cache = new(StringComparer.Ordinal);

    /// <summary>A splitter of the learnt <paramref name="merges"/> ("left right", in order) over the characters <paramref name="alphabet"/>.</summary>
    public BytePairEncoding(IReadOnlyList<string> alphabet, IReadOnlyList<string> merges)
    {
        Alphabet = alphabet;
        Merges = merges;
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal) { [Vocabulary.UnknownToken] = 0 };
        foreach (var c in alphabet) { vocabulary.TryAdd(c, vocabulary.Count); vocabulary.TryAdd(c + EndOfWord, vocabulary.Count); }
        foreach (var m in merges)
        {
            var parts = m.Split(' ');
            if (parts.Length != 2) throw new InvalidDataException($"a BPE merge must be two symbols, got '{m}'.");
            vocabulary.TryAdd(parts[0] + parts[1], vocabulary.Count);
        }
        using var vocabularyStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(vocabulary));
        using var mergesStream = new MemoryStream(Encoding.UTF8.GetBytes("#version: 0.2\n" + string.Join("\n", merges) + "\n"));
        tokenizer = BpeTokenizer.Create(vocabularyStream, mergesStream, preTokenizer: null, normalizer: null, specialTokens: null,
            unknownToken: Vocabulary.UnknownToken, continuingSubwordPrefix: null, endOfWordSuffix: EndOfWord, fuseUnknownTokens: false);
    }

    /// <summary>The characters of the training words.</summary>
    public IReadOnlyList<string> Alphabet { get; }

    /// <summary>The merges, in the order they were learnt ("left right").</summary>
    public IReadOnlyList<string> Merges { get; }

    /// <summary>Learns <paramref name="merges"/> merges from the words of <paramref name="sentences"/>.</summary>
    public static BytePairEncoding Train(IEnumerable<IReadOnlyList<string>> sentences, int merges)
    {
        if (merges < 0) throw new ArgumentException($"--subwords must be 0 or positive, got {merges}.");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sentences) foreach (var w in s) counts[w] = counts.GetValueOrDefault(w) + 1;
        var words = counts.Select(kv => (Symbols: Symbols(kv.Key), Count: kv.Value)).ToList();
        var alphabet = counts.Keys.SelectMany(w => w).Distinct().Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList();
        var learnt = new List<string>(merges);
        for (int m = 0; m < merges; m++)
        {
            var pairs = new Dictionary<(string, string), long>();
            foreach (var (symbols, count) in words)
                for (int i = 0; i + 1 < symbols.Count; i++) pairs[(symbols[i], symbols[i + 1])] = pairs.GetValueOrDefault((symbols[i], symbols[i + 1])) + count;
            if (pairs.Count == 0) break;
            var best = pairs.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal).First().Key;
            learnt.Add($"{best.Item1} {best.Item2}");
            foreach (var (symbols, _) in words)
                for (int i = 0; i + 1 < symbols.Count; i++)
                    if (symbols[i] == best.Item1 && symbols[i + 1] == best.Item2) { symbols[i] += symbols[i + 1]; symbols.RemoveAt(i + 1); }
        }
        return new BytePairEncoding(alphabet, learnt);
    }

    /// <summary>A word's initial symbols: its characters, the last with the end-of-word mark.</summary>
    private static List<string> Symbols(string word)
    {
        var s = word.Select(c => c.ToString()).ToList();
        s[^1] += EndOfWord;
        return s;
    }

    /// <summary>The units of <paramref name="word"/> (the last ends in "&lt;/w&gt;").</summary>
    public IReadOnlyList<string> Split(string word)
    {
        if (cache.TryGetValue(word, out var units)) return units;
        units = tokenizer.EncodeToTokens(word, out _).Select(t => t.Value).ToArray();
        if (cache.Count < 1_000_000) cache[word] = units;
        return units;
    }

    /// <summary>The units of every word of <paramref name="words"/>.</summary>
    public IReadOnlyList<string> Encode(IReadOnlyList<string> words) => words.SelectMany(Split).ToArray();

    /// <summary>Words from units: a word ends at each unit marked "&lt;/w&gt;" (a last unmarked run is a word too).</summary>
    public static IReadOnlyList<string> Join(IEnumerable<string> units)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var u in units)
        {
            if (u.EndsWith(EndOfWord, StringComparison.Ordinal)) { current.Append(u, 0, u.Length - EndOfWord.Length); words.Add(current.ToString()); current.Clear(); }
            else current.Append(u);
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }
}
