using System.Globalization;
using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Transform;

/// <summary>
/// An identifier column is not modelled: it takes no room in the encoded row, and sampling writes fresh unique
/// values shaped like the originals (a shared prefix and a zero-padded counter, or plain integers), numbered after
/// the largest training identifier so that no synthetic row carries a real row's identifier.
/// </summary>
public sealed class IdentifierEncoder : ColumnEncoder
{
    /// <summary>Text before the counter.</summary>
    [JsonPropertyName("prefix")] public required string Prefix { get; init; }
    /// <summary>Counter digits (0 = no padding).</summary>
    [JsonPropertyName("digits")] public required int Digits { get; init; }
    /// <summary>First counter value (one past the largest number found in a training identifier).</summary>
    [JsonPropertyName("start")] public long Start { get; init; } = 1;

    /// <inheritdoc />
    public override IReadOnlyList<OutputSpan> Spans => [];

    /// <summary>Learns the shape of the identifiers in <paramref name="cells"/>.</summary>
    public static IdentifierEncoder Fit(ColumnSchema column, string?[] cells)
    {
        var present = cells.Where(c => c is not null).Select(c => c!).ToList();
        long start = 1 + present.Select(TrailingNumber).DefaultIfEmpty(0).Max();
        if (present.All(c => long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            return new IdentifierEncoder { Column = column, Prefix = "", Digits = 0, Start = start };
        string prefix = present.Count == 0 ? "" : new string(present[0].TakeWhile(ch => !char.IsDigit(ch)).ToArray());
        foreach (var c in present)
        {
            int n = 0;
            while (n < prefix.Length && n < c.Length && c[n] == prefix[n]) n++;
            prefix = prefix[..n];
        }
        if (prefix.Length == 0) prefix = "id-";
        int digits = present.Select(c => c.Length - prefix.Length).DefaultIfEmpty(6).Max();
        return new IdentifierEncoder { Column = column, Prefix = prefix, Digits = Math.Clamp(digits, 1, 18), Start = start };
    }

    private static long TrailingNumber(string s)
    {
        int i = s.Length;
        while (i > 0 && char.IsAsciiDigit(s[i - 1]) && s.Length - i < 18) i--;
        return i < s.Length ? long.Parse(s.AsSpan(i), CultureInfo.InvariantCulture) : 0;
    }

    /// <inheritdoc />
    public override void Encode(RawTable table, string?[] cells, float[] matrix, int width, int offset, Random rng) { }

    /// <inheritdoc />
    public override string?[] Decode(float[] matrix, int rows, int width, int offset, long firstRow)
    {
        var format = Digits > 0 ? "D" + Digits : "D";
        var output = new string?[rows];
        for (int i = 0; i < rows; i++) output[i] = Prefix + (Start + firstRow + i).ToString(format, CultureInfo.InvariantCulture);
        return output;
    }
}
