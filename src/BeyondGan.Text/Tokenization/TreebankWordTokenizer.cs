using System.Text.RegularExpressions;

namespace BeyondGan.Text.Tokenization;

/// <summary>
/// Splits a sentence into words as the text-GAN benchmarks do: NLTK's <c>word_tokenize</c> (its improved Treebank
/// tokenizer, NLTK 3.8's rules in the same order — quotes, punctuation, the final period, brackets, double dashes,
/// clitics such as n't and 's, and MacIntyre's contractions), optionally lower-cased first. Published BLEU depends on
/// it: in the COCO captions the final period sticks to the last word in most lines, so a whitespace split does not
/// reproduce the published scores (REFERENCES §4). Written here because no .NET library reproduces NLTK's rules.
/// One difference: NLTK first splits a text into sentences with its Punkt model; this applies the rules to the line
/// as one sentence, which is what a line of a one-sentence-per-line corpus is (the agreement is measured in
/// docs/BENCHMARKS.md).
/// </summary>
public sealed class TreebankWordTokenizer
{
    private static readonly (Regex Pattern, string Replacement)[] StartingQuotes =
    [
        (new Regex("([«“‘„]|[`]+)"), " $1 "),
        (new Regex("^\""), "``"),
        (new Regex("(``)"), " $1 "),
        (new Regex("([ \\(\\[{<])(\"|'{2})"), "$1 `` "),
        (new Regex(@"(?i)(')(?!re|ve|ll|m|t|s|d|n)(\w)\b"), "$1 $2"),
    ];

    private static readonly (Regex Pattern, string Replacement)[] Punctuation =
    [
        (new Regex("([^\\.])(\\.)([\\]\\)}>\"'»”’ ]*)\\s*$"), "$1 $2 $3 "),
        (new Regex(@"([:,])([^\d])"), " $1 $2"),
        (new Regex("([:,])$"), " $1 "),
        (new Regex(@"\.{2,}"), " $0 "),
        (new Regex("[;@#$%&]"), " $0 "),
        (new Regex("([^\\.])(\\.)([\\]\\)}>\"']*)\\s*$"), "$1 $2$3 "),
        (new Regex("[?!]"), " $0 "),
        (new Regex("([^'])' "), "$1 ' "),
        (new Regex("[*]"), " $0 "),
    ];

    private static readonly (Regex Pattern, string Replacement) Brackets = (new Regex(@"[\]\[\(\)\{\}\<\>]"), " $0 ");

    private static readonly (Regex Pattern, string Replacement) DoubleDashes = (new Regex("--"), " -- ");

    private static readonly (Regex Pattern, string Replacement)[] EndingQuotes =
    [
        (new Regex("([»”’])"), " $1 "),
        (new Regex("''"), " '' "),
        (new Regex("\""), " '' "),
        (new Regex("([^' ])('[sS]|'[mM]|'[dD]|') "), "$1 $2 "),
        (new Regex("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) "), "$1 $2 "),
    ];

    private static readonly Regex[] Contractions =
    [
        new(@"(?i)\b(can)(not)\b"),
        new(@"(?i)\b(d)('ye)\b"),
        new(@"(?i)\b(gim)(me)\b"),
        new(@"(?i)\b(gon)(na)\b"),
        new(@"(?i)\b(got)(ta)\b"),
        new(@"(?i)\b(lem)(me)\b"),
        new(@"(?i)\b(more)('n)\b"),
        new(@"(?i)\b(wan)(na)(?=\s)"),
        new(@"(?i) ('t)(is)\b"),
        new(@"(?i) ('t)(was)\b"),
    ];


    /// <summary>Creates a tokenizer; <paramref name="lowerCase"/> lower-cases the text first (the benchmarks' setting).</summary>
    public TreebankWordTokenizer(bool lowerCase = true) => LowerCase = lowerCase;

    /// <summary>True when text is lower-cased before it is split.</summary>
    public bool LowerCase { get; }

    /// <summary>The words of each of <paramref name="lines"/>, in order (tokenized in parallel).</summary>
    public List<IReadOnlyList<string>> TokenizeAll(IEnumerable<string> lines) =>
        lines.AsParallel().AsOrdered().Select(l => (IReadOnlyList<string>)Tokenize(l)).ToList();

    /// <summary>The words of <paramref name="text"/>.</summary>
    public string[] Tokenize(string text)
    {
        if (LowerCase) text = text.ToLowerInvariant();
        foreach (var (p, r) in StartingQuotes) text = p.Replace(text, r);
        foreach (var (p, r) in Punctuation) text = p.Replace(text, r);
        text = Brackets.Pattern.Replace(text, Brackets.Replacement);
        text = DoubleDashes.Pattern.Replace(text, DoubleDashes.Replacement);
        text = " " + text + " ";
        foreach (var (p, r) in EndingQuotes) text = p.Replace(text, r);
        foreach (var p in Contractions) text = p.Replace(text, " $1 $2 ");
        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);   // any Unicode white space, as str.split()
    }
}
