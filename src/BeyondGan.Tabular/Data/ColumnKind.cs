namespace BeyondGan.Tabular.Data;

/// <summary>How a column is modelled.</summary>
public enum ColumnKind
{
    /// <summary>Real numbers: mode-specific normalisation.</summary>
    Continuous,
    /// <summary>Whole numbers: modelled as continuous, rounded on output.</summary>
    Integer,
    /// <summary>A finite set of labels: one-hot.</summary>
    Categorical,
    /// <summary>Two labels such as true/false or yes/no: one-hot, spelling kept.</summary>
    Boolean,
    /// <summary>Dates and times in one format: modelled as continuous seconds, written back in that format.</summary>
    DateTime,
    /// <summary>Unique per row: not modelled, regenerated as unique values.</summary>
    Identifier,
    /// <summary>Left out of the model and of the output.</summary>
    Ignored,
}
