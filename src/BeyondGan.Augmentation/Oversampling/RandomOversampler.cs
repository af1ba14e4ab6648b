using BeyondGan.Tabular.Data;

namespace BeyondGan.Augmentation.Oversampling;

/// <summary>Random oversampling: each new row is a copy of a row of the class drawn uniformly with replacement.</summary>
public sealed class RandomOversampler(RawTable data, string target) : IOversampler
{
    /// <inheritdoc />
    public RawTable Generate(string label, int count, long seed)
    {
        var rows = ClassRows.For(data, target, label);
        var rng = new Random((int)seed);
        var picks = Enumerable.Range(0, count).Select(_ => rows[rng.Next(rows.Count)]).ToArray();
        return data.SelectRows(picks);
    }
}
