using BeyondGan.Tabular.Data;

namespace BeyondGan.Augmentation;

/// <summary>The augmented table and what was added.</summary>
/// <param name="Table">The real rows in their order, then the synthetic rows (grouped by class).</param>
/// <param name="RealRows">Rows from the input.</param>
/// <param name="Added">Synthetic rows added per class.</param>
/// <param name="ClassCounts">Rows per class before augmentation.</param>
public sealed record AugmentationResult(RawTable Table, int RealRows, IReadOnlyDictionary<string, int> Added, IReadOnlyDictionary<string, int> ClassCounts);
