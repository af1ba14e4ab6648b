namespace BeyondGan.Text.Metrics;

/// <summary>
/// Every n-gram (n = 1 … <see cref="MaxOrder"/>) of a set of reference sentences with, for BLEU's clipping, its largest
/// count in any one reference, the second largest, and how many references reach the largest (so that one reference
/// can be left out exactly, as Self-BLEU needs), and the references' lengths in order. Built once in O(total length);
/// a hypothesis then costs O(its length). N-grams are keyed by their token ids packed into a 128-bit number (exact: no
/// hashing of the words themselves).
/// </summary>
internal sealed class NGramIndex
{
    /// <summary>An n-gram's counts over the references.</summary>
    internal struct Counts
    {
        public int Max;
        public int SecondMax;
        public int ReachingMax;
    }

    private readonly Dictionary<UInt128, Counts> counts = new();
    private readonly int[] sortedLengths;

    private NGramIndex(int maxOrder, Dictionary<string, int> vocabulary, int[][] references)
    {
        MaxOrder = maxOrder;
        Vocabulary = vocabulary;
        References = references;
        sortedLengths = references.Select(r => r.Length).Order().ToArray();
        var local = new Dictionary<UInt128, int>();
        foreach (var reference in references)
        {
            local.Clear();
            ForEachNGram(reference, maxOrder, key => local[key] = local.GetValueOrDefault(key) + 1);
            foreach (var (key, c) in local)
            {
                var s = counts.GetValueOrDefault(key);
                if (c > s.Max) { s.SecondMax = s.Max; s.Max = c; s.ReachingMax = 1; }
                else if (c == s.Max) s.ReachingMax++;
                else if (c > s.SecondMax) s.SecondMax = c;
                counts[key] = s;
            }
        }
    }

    /// <summary>Longest n-gram order an index supports (keys hold five 24-bit ids).</summary>
    public const int MaxSupportedOrder = 5;

    private const int IdBits = 24;

    /// <summary>Longest n-gram indexed.</summary>
    public int MaxOrder { get; }
    /// <summary>Token → id (ids from 1; 0 is never a token).</summary>
    public Dictionary<string, int> Vocabulary { get; }
    /// <summary>The references as token ids.</summary>
    public int[][] References { get; }

    /// <summary>Indexes <paramref name="references"/> (tokenized sentences) up to n-grams of <paramref name="maxOrder"/>.</summary>
    public static NGramIndex Build(IReadOnlyList<IReadOnlyList<string>> references, int maxOrder)
    {
        if (maxOrder is < 1 or > MaxSupportedOrder) throw new ArgumentOutOfRangeException(nameof(maxOrder), $"n-gram orders 1 to {MaxSupportedOrder} are supported.");
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = references.Select(r => r.Select(t => vocabulary.TryGetValue(t, out int id) ? id : vocabulary[t] = vocabulary.Count + 1).ToArray()).ToArray();
        if (vocabulary.Count >= 1 << IdBits) throw new ArgumentException($"more than {(1 << IdBits) - 1:N0} distinct tokens.");
        return new NGramIndex(maxOrder, vocabulary, ids);
    }

    /// <summary>Token ids of <paramref name="sentence"/>; a token no reference has gets a fresh id that matches nothing.</summary>
    public int[] Encode(IReadOnlyList<string> sentence)
    {
        if (Vocabulary.Count + sentence.Count >= 1 << IdBits) throw new ArgumentException($"more than {(1 << IdBits) - 1:N0} distinct tokens.");
        var ids = new int[sentence.Count];
        var unseen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
            ids[i] = Vocabulary.TryGetValue(sentence[i], out int id) ? id
                : unseen.TryGetValue(sentence[i], out id) ? id : unseen[sentence[i]] = Vocabulary.Count + 1 + unseen.Count;
        return ids;
    }

    /// <summary>An n-gram's counts over the references (zeros when none has it).</summary>
    public Counts this[UInt128 key] => counts.GetValueOrDefault(key);

    /// <summary>
    /// The reference length closest to <paramref name="length"/>, the shorter on a tie (NLTK's closest_ref_length), over
    /// all references or, with <paramref name="leaveOut"/> ≥ 0, all but that one.
    /// </summary>
    public int ClosestLength(int length, int leaveOut = -1)
    {
        // The candidates: the longest reference at most `length` long and the shortest at least `length` long; a left-out
        // reference removes one copy of its length (which matters only when it is the only one of that length).
        int skip = leaveOut >= 0 && CountOf(References[leaveOut].Length) == 1 ? References[leaveOut].Length : -1;
        int below = UpperBound(length) - 1, above = LowerBound(length);
        if (below >= 0 && sortedLengths[below] == skip) below--;
        if (above < sortedLengths.Length && sortedLengths[above] == skip) above++;
        int best = -1;
        foreach (int i in new[] { below, above })
        {
            if (i < 0 || i >= sortedLengths.Length) continue;
            int candidate = sortedLengths[i];
            if (best < 0 || Math.Abs(candidate - length) < Math.Abs(best - length) || (Math.Abs(candidate - length) == Math.Abs(best - length) && candidate < best))
                best = candidate;
        }
        return Math.Max(best, 0);
    }

    private int CountOf(int length) => UpperBound(length) - LowerBound(length);

    private int LowerBound(int value)
    {
        int lo = 0, hi = sortedLengths.Length;
        while (lo < hi) { int mid = (lo + hi) / 2; if (sortedLengths[mid] < value) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private int UpperBound(int value)
    {
        int lo = 0, hi = sortedLengths.Length;
        while (lo < hi) { int mid = (lo + hi) / 2; if (sortedLengths[mid] <= value) lo = mid + 1; else hi = mid; }
        return lo;
    }

    /// <summary>Calls <paramref name="visit"/> with the key of every n-gram of <paramref name="ids"/>, n = 1 … <paramref name="maxOrder"/>.</summary>
    public static void ForEachNGram(int[] ids, int maxOrder, Action<UInt128> visit)
    {
        for (int start = 0; start < ids.Length; start++)
        {
            UInt128 key = 0;
            for (int n = 1; n <= maxOrder && start + n <= ids.Length; n++)
            {
                key = key << IdBits | (uint)ids[start + n - 1];
                visit(Key(key, n));
            }
        }
    }

    /// <summary>The order n of an n-gram's key.</summary>
    public static int OrderOf(UInt128 key) => (int)(key >> 120);

    /// <summary>The key of an n-gram: its ids, 24 bits each, and its order in the top byte.</summary>
    private static UInt128 Key(UInt128 packed, int n) => packed | (UInt128)(uint)n << 120;
}
