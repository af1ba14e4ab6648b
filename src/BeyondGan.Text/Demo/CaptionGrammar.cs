using System.Text.RegularExpressions;

namespace BeyondGan.Text.Demo;

/// <summary>
/// The text demo's corpus: captions from a small grammar with number agreement ("a small dog sits on the table .",
/// "two black cats sleep near the bed ."), so a model's samples can be checked for grammaticality as well as scored.
/// </summary>
public static class CaptionGrammar
{
    private static readonly string[] Adjectives = ["small", "red", "old", "happy", "black", "young"];
    private static readonly string[] Nouns = ["dog", "cat", "man", "woman", "bird", "horse", "child"];
    private static readonly string[] Plurals = ["dogs", "cats", "men", "women", "birds", "horses", "children"];
    private static readonly string[] Verbs = ["sits", "runs", "stands", "sleeps", "waits"];
    private static readonly string[] PluralVerbs = ["sit", "run", "stand", "sleep", "wait"];
    private static readonly string[] Prepositions = ["on", "in", "near", "under", "by"];
    private static readonly string[] Places = ["table", "street", "park", "bed", "beach", "field", "window"];

    private static readonly Regex Grammatical = new(
        $"^(?:(?:a|the) (?:(?:{Join(Adjectives)}) )?(?:{Join(Nouns)}) (?:{Join(Verbs)})" +
        $"|two (?:(?:{Join(Adjectives)}) )?(?:{Join(Plurals)}) (?:{Join(PluralVerbs)})) (?:{Join(Prepositions)}) the (?:{Join(Places)}) \\.$");

    private static string Join(string[] words) => string.Join('|', words);

    /// <summary><paramref name="count"/> captions from <paramref name="seed"/>, as text lines.</summary>
    public static IReadOnlyList<string> Generate(int count, int seed)
    {
        var rng = new Random(seed);
        T Pick<T>(T[] a) => a[rng.Next(a.Length)];
        var lines = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            bool plural = rng.NextDouble() < 0.3;
            string adjective = rng.NextDouble() < 0.5 ? Pick(Adjectives) + " " : "";
            int noun = rng.Next(Nouns.Length), verb = rng.Next(Verbs.Length);
            string subject = plural ? $"two {adjective}{Plurals[noun]} {PluralVerbs[verb]}" : $"{(rng.NextDouble() < 0.5 ? "a" : "the")} {adjective}{Nouns[noun]} {Verbs[verb]}";
            lines.Add($"{subject} {Pick(Prepositions)} the {Pick(Places)}.");
        }
        return lines;
    }

    /// <summary>True when the tokens form a caption of the grammar.</summary>
    public static bool Accepts(IReadOnlyList<string> tokens) => Grammatical.IsMatch(string.Join(' ', tokens));
}
