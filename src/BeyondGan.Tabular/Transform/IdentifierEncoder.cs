using System.Globalization;
using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Transform;

/// <summary>
/// An identifier column is not modelled: it takes no room in the encoded row, and sampling writes fresh unique
/// values shaped like the originals (a shared prefix and a zero-padded counter, or plain integers from 1).
/// </summary>
public sealed class IdentifierEncoder : ColumnEncoder
{
    /// <summary>Text before the counter.</summary>
    [JsonPropertyName("prefix")] public required string Prefix { get; init; }
    /// <summary>Counter digits (0 = no padding).</summary>
    [JsonPropertyName("digits")] public required int Digits { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<OutputSpan> Spans => [];

    /// <summary>Learns the shape of the identifiers in <paramref name="cells"/>.</summary>
    public static IdentifierEncoder Fit(ColumnSchema column, string?[] cells)
    {
        var present = cells.Where(c => c is not null).Select(c => c!).ToList();
        if (present.All(c => long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            return new IdentifierEncoder { Column = column, Prefix = "", Digits = 0 };
        string prefix = present.Count == 0 ? "" : new string(present[0].TakeWhile(ch => !char.IsDigit(ch)).ToArray());
        foreach (var c in present)
        {
            int n = 0;
            while (n < prefix.Length && n < c.Length && c[n] == prefix[n]) n++;
            prefix = prefix[..n];
        }
        if (prefix.Length == 0) prefix = "id-";
        int digits = Math.Max(6, (int)Math.Ceiling(Math.Log10(Math.Max(10, present.Count * 10))));
        return new IdentifierEncoder { Column = column, Prefix = prefix, Digits = digits };
    }

    /// <inheritdoc />
    public override void Encode(RawTable table, string?[] cells, float[] matrix, int width, int offset, Random rng) { }

    /// <inheritdoc />
    public override string?[] Decode(float[] matrix, int rows, int width, int offset)
    {
        var format = Digits > 0 ? "D" + Digits : "D";
        return Enumerable.Range(1, rows).Select(i => (string?)(Prefix + i.ToString(format, CultureInfo.InvariantCulture))).ToArray();
    }
}
