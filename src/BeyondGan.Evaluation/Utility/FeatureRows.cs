using BeyondGan.Evaluation.Fidelity;
using BeyondGan.Tabular.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace BeyondGan.Evaluation.Utility;

/// <summary>
/// A table as ML.NET rows: the numeric feature columns as one float vector (missing = NaN), the discrete ones as one
/// text vector (missing = "(missing)"), and the label in the form each task needs. Identifier and ignored columns are
/// left out.
/// </summary>
internal sealed class FeatureRows
{
    /// <summary>One ML.NET row.</summary>
    public sealed class Row
    {
        public float[] Numeric { get; set; } = [];
        public string[] Categorical { get; set; } = [];
        /// <summary>Binary label.</summary>
        public bool IsPositive { get; set; }
        /// <summary>Multi-class label: the class index. LoadFromEnumerable stores it as key index + 1, which is what PredictedLabel returns.</summary>
        public uint ClassKey { get; set; }
        /// <summary>Regression label.</summary>
        public float Value { get; set; }
    }

    private readonly List<ColumnSchema> numeric;
    private readonly List<ColumnSchema> categorical;
    private readonly int classes;

    /// <summary>The feature columns of <paramref name="schema"/> other than <paramref name="target"/>.</summary>
    public FeatureRows(TableSchema schema, string? target, int classes = 0)
    {
        var features = schema.Columns.Where(c => c.Name != target && (c.IsNumeric || c.IsDiscrete)).ToList();
        numeric = features.Where(c => c.IsNumeric).ToList();
        categorical = features.Where(c => c.IsDiscrete).ToList();
        this.classes = classes;
    }

    /// <summary>The ML.NET schema of <see cref="Row"/> with the vector sizes fixed.</summary>
    public SchemaDefinition Definition()
    {
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[nameof(Row.Numeric)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Math.Max(1, numeric.Count));
        definition[nameof(Row.Categorical)].ColumnType = new VectorDataViewType(TextDataViewType.Instance, Math.Max(1, categorical.Count));
        if (classes > 0) definition[nameof(Row.ClassKey)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        return definition;
    }

    /// <summary>The feature part of every row of <paramref name="table"/>; labels are set by the caller.</summary>
    public Row[] Rows(RawTable table)
    {
        var num = numeric.Select(c => ColumnValues.Numeric(table, c)).ToArray();
        var cat = categorical.Select(c => ColumnValues.Categorical(table, c)).ToArray();
        var rows = new Row[table.RowCount];
        for (int r = 0; r < rows.Length; r++)
            rows[r] = new Row
            {
                Numeric = numeric.Count == 0 ? [0f] : num.Select(col => (float)col[r]).ToArray(),
                Categorical = categorical.Count == 0 ? [""] : cat.Select(col => col[r]).ToArray(),
            };
        return rows;
    }

    /// <summary>
    /// Turns the two vectors into "Features". Tree models take numbers as they are (NaN is a split of its own);
    /// linear models get mean-imputed numbers, a missing indicator per numeric column, and standardisation.
    /// </summary>
    public static IEstimator<ITransformer> Featurizer(MLContext ml, bool linear)
    {
        var oneHot = ml.Transforms.Categorical.OneHotEncoding("CategoricalEncoded", nameof(Row.Categorical));
        if (!linear) return oneHot.Append(ml.Transforms.Concatenate("Features", nameof(Row.Numeric), "CategoricalEncoded"));
        return oneHot
            .Append(ml.Transforms.IndicateMissingValues("NumericMissingFlag", nameof(Row.Numeric)))
            .Append(ml.Transforms.Conversion.ConvertType("NumericMissing", "NumericMissingFlag", DataKind.Single))
            .Append(ml.Transforms.ReplaceMissingValues("NumericFilled", nameof(Row.Numeric), MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(ml.Transforms.Concatenate("RawFeatures", "NumericFilled", "NumericMissing", "CategoricalEncoded"))
            .Append(ml.Transforms.NormalizeMeanVariance("Features", "RawFeatures"));
    }
}
