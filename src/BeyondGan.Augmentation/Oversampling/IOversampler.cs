using BeyondGan.Tabular.Data;

namespace BeyondGan.Augmentation.Oversampling;

/// <summary>Makes new rows of one class. Implementations: <see cref="RandomOversampler"/>, <see cref="SmoteOversampler"/>, <see cref="GanOversampler"/>.</summary>
public interface IOversampler
{
    /// <summary><paramref name="count"/> new rows whose target is <paramref name="label"/>, with the input table's columns.</summary>
    RawTable Generate(string label, int count, long seed);
}
