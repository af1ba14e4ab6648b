using System.Text;

namespace BeyondGan.Text.Tokenization;

/// <summary>
/// Writes tokens back as readable text, undoing the <see cref="TreebankWordTokenizer"/>'s splits: no space before
/// closing punctuation and clitics ('s, n't), none after opening brackets and quotes, and `` / '' back to ". The word
/// tokenizer splits the result into the same tokens again, so scores computed on written samples are those of the
/// generated tokens.
/// </summary>
public static class Detokenizer
{
    private static readonly HashSet<string> NoSpaceBefore = new(StringComparer.Ordinal) { ".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "''", "'s", "'m", "'d", "'ll", "'re", "'ve", "n't", "'" };
    private static readonly HashSet<string> NoSpaceAfter = new(StringComparer.Ordinal) { "(", "[", "{", "``", "$", "#" };

    /// <summary><paramref name="tokens"/> as one line of text.</summary>
    public static string Join(IReadOnlyList<string> tokens)
    {
        var b = new StringBuilder();
        for (int i = 0; i < tokens.Count; i++)
        {
            string t = tokens[i] switch { "``" or "''" => "\"", var x => x };
            bool space = i > 0 && !NoSpaceBefore.Contains(tokens[i]) && !NoSpaceAfter.Contains(tokens[i - 1]) && !IsContractionTail(tokens, i);
            if (space) b.Append(' ');
            b.Append(t);
        }
        return b.ToString();
    }

    // "can not" was "cannot", "gon na" was "gonna": MacIntyre's contractions split one word in two.
    private static bool IsContractionTail(IReadOnlyList<string> tokens, int i) => (tokens[i - 1], tokens[i]) switch
    {
        ("can", "not") or ("gon", "na") or ("wan", "na") or ("got", "ta") or ("gim", "me") or ("lem", "me") => true,
        _ => false,
    };
}
