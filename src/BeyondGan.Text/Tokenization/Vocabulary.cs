using System.Text.Json.Serialization;

namespace BeyondGan.Text.Tokenization;

/// <summary>
/// Tokens ↔ ids for a language model: id 0 pads, 1 begins a sentence, 2 ends it, 3 stands for a token seen fewer than
/// the minimum count; the corpus's tokens follow, most frequent first (ties in ordinal order, so the same corpus gives
/// the same ids). Saved in the model file.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>Padding.</summary>
    public const int Pad = 0;
    /// <summary>Beginning of a sentence.</summary>
    public const int Begin = 1;
    /// <summary>End of a sentence.</summary>
    public const int End = 2;
    /// <summary>A token outside the vocabulary.</summary>
    public const int Unknown = 3;
    /// <summary>How the unknown token is written.</summary>
    public const string UnknownToken = "<unk>";

    private static readonly string[] Specials = ["<pad>", "<s>", "</s>", UnknownToken];
    private Dictionary<string, int>? index;

    /// <summary>Every token by id (the four special ones first).</summary>
    [JsonPropertyName("tokens")] public required IReadOnlyList<string> Tokens { get; init; }

    /// <summary>Ids in all.</summary>
    [JsonIgnore] public int Count => Tokens.Count;

    /// <summary>The vocabulary of <paramref name="sentences"/>: tokens seen at least <paramref name="minimumCount"/> times.</summary>
    public static Vocabulary Build(IEnumerable<IReadOnlyList<string>> sentences, int minimumCount = 1)
    {
        if (minimumCount < 1) throw new ArgumentException($"--min-count must be at least 1, got {minimumCount}.");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sentences) foreach (var t in s) counts[t] = counts.GetValueOrDefault(t) + 1;
        var kept = counts.Where(p => p.Value >= minimumCount && !Specials.Contains(p.Key))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key);
        return new Vocabulary { Tokens = [.. Specials, .. kept] };
    }

    /// <summary>The id of <paramref name="token"/> (<see cref="Unknown"/> when it is not in the vocabulary).</summary>
    public int Id(string token)
    {
        index ??= Tokens.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i, StringComparer.Ordinal);
        return index.TryGetValue(token, out int id) ? id : Unknown;
    }

    /// <summary>Ids of a sentence: [Begin, tokens…, End].</summary>
    public int[] Encode(IReadOnlyList<string> tokens) => [Begin, .. tokens.Select(Id), End];

    /// <summary>The tokens of generated ids, up to the first End (Begin and padding dropped).</summary>
    public IReadOnlyList<string> Decode(IEnumerable<int> ids)
    {
        var tokens = new List<string>();
        foreach (int id in ids)
        {
            if (id == End) break;
            if (id is Pad or Begin) continue;
            tokens.Add(Tokens[id]);
        }
        return tokens;
    }
}
