using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;

namespace BeyondGan.Augmentation.Oversampling;

/// <summary>New rows from a conditional tabular GAN, sampled with the target fixed exactly to the class (no rejection).</summary>
public sealed class GanOversampler(CtganSynthesizer model, RawTable data, string target) : IOversampler
{
    /// <summary>The model.</summary>
    public CtganSynthesizer Model => model;

    /// <inheritdoc />
    public RawTable Generate(string label, int count, long seed)
    {
        string? value = label == ClassRows.MissingLabel && !data.Column(target).Contains(ClassRows.MissingLabel) ? null : label;
        var sample = model.Sample(count, [new(target, value)], seed);
        // The model leaves out ignored columns: they come back missing, in the input's column order.
        var cells = data.Columns.Select(c => sample.IndexOf(c) >= 0 ? sample.Column(c) : new string?[count]).ToList();
        return new RawTable(data.Source, data.Columns, cells);
    }
}
