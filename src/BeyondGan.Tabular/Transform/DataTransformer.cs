using System.Text.Json;
using System.Text.Json.Serialization;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Tabular.Transform;

/// <summary>Where a discrete column sits in the encoded row and in the conditional vector.</summary>
/// <param name="Encoder">The column's encoder.</param>
/// <param name="DataOffset">Offset of its one-hot block in the encoded row.</param>
/// <param name="ConditionOffset">Offset of its block in the conditional vector.</param>
public sealed record DiscreteColumn(CategoricalEncoder Encoder, int DataOffset, int ConditionOffset)
{
    /// <summary>Number of levels.</summary>
    public int Size => Encoder.Levels.Length;
    /// <summary>Column name.</summary>
    public string Name => Encoder.Column.Name;
}

/// <summary>
/// The whole table's encoding: one <see cref="ColumnEncoder"/> per modelled column, their blocks laid side by
/// side. Continuous columns are fitted in parallel (each with its own seeded random stream, so the result does
/// not depend on scheduling).
/// </summary>
public sealed class DataTransformer
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Creates a transformer from fitted encoders (in output column order).</summary>
    public DataTransformer(IReadOnlyList<ColumnEncoder> encoders)
    {
        Encoders = encoders;
        var offsets = new int[encoders.Count];
        var spans = new List<(int, OutputSpan)>();
        var discrete = new List<DiscreteColumn>();
        int offset = 0, conditionOffset = 0;
        for (int i = 0; i < encoders.Count; i++)
        {
            offsets[i] = offset;
            foreach (var s in encoders[i].Spans) { spans.Add((offset, s)); offset += s.Size; }
            if (encoders[i] is CategoricalEncoder c)
            {
                discrete.Add(new DiscreteColumn(c, offsets[i], conditionOffset));
                conditionOffset += c.Levels.Length;
            }
        }
        Offsets = offsets;
        Spans = spans;
        DiscreteColumns = discrete;
        Width = offset;
        ConditionWidth = conditionOffset;
    }

    /// <summary>Encoders of the modelled and regenerated columns, in table order (ignored columns are absent).</summary>
    public IReadOnlyList<ColumnEncoder> Encoders { get; }
    /// <summary>Offset of each encoder's block.</summary>
    public IReadOnlyList<int> Offsets { get; }
    /// <summary>Every output block with its offset, in order.</summary>
    public IReadOnlyList<(int Offset, OutputSpan Span)> Spans { get; }
    /// <summary>The discrete columns, which make up the conditional vector.</summary>
    public IReadOnlyList<DiscreteColumn> DiscreteColumns { get; }
    /// <summary>Floats per encoded row.</summary>
    public int Width { get; }
    /// <summary>Size of the conditional vector (total levels of the discrete columns).</summary>
    public int ConditionWidth { get; }
    /// <summary>Output column names, in order.</summary>
    public IEnumerable<string> Columns => Encoders.Select(e => e.Column.Name);

    /// <summary>Fits an encoder per column of <paramref name="schema"/> that is not ignored.</summary>
    /// <param name="table">The training table.</param>
    /// <param name="schema">Its schema.</param>
    /// <param name="maxCategories">Category cap (0 = none), see <see cref="SchemaOptions.MaxCategories"/>.</param>
    /// <param name="maxFitRows">Largest sample a mixture is fitted on.</param>
    /// <param name="seed">Seed of the subsamples.</param>
    public static DataTransformer Fit(RawTable table, TableSchema schema, int maxCategories = 0, int maxFitRows = 50_000, int seed = 0)
    {
        var columns = schema.Columns.Where(c => c.Kind != ColumnKind.Ignored).ToList();
        var encoders = new ColumnEncoder[columns.Count];
        Parallel.For(0, columns.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var column = columns[i];
            var cells = table.Column(column.Name);
            encoders[i] = column.Kind switch
            {
                ColumnKind.Categorical or ColumnKind.Boolean => CategoricalEncoder.Fit(column, cells, maxCategories),
                ColumnKind.Identifier => IdentifierEncoder.Fit(column, cells),
                _ => ContinuousEncoder.Fit(table, column, cells, maxFitRows, seed + i),
            };
        });
        return new DataTransformer(encoders);
    }

    /// <summary>Encodes <paramref name="table"/> into a row-major matrix of <see cref="Width"/> floats per row.</summary>
    public float[] Transform(RawTable table, int seed = 0)
    {
        long size = (long)table.RowCount * Width;
        if (size > Array.MaxLength) throw new TabularDataException(table.Source, $"{table.RowCount} rows × {Width} encoded values is too large for one array; sample fewer rows.");
        var matrix = new float[size];
        Parallel.For(0, Encoders.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            Encoders[i].Encode(table, table.Column(Encoders[i].Column.Name), matrix, Width, Offsets[i], new Random(seed * 7919 + i)));
        return matrix;
    }

    /// <summary>
    /// Decodes <paramref name="rows"/> encoded rows into a table named <paramref name="source"/>, to be written in
    /// <paramref name="format"/>; <paramref name="firstRow"/> is the first row's index in the whole draw.
    /// </summary>
    public RawTable Inverse(float[] matrix, int rows, string source = "synthetic", TextFormat? format = null, long firstRow = 0)
    {
        var cells = new string?[Encoders.Count][];
        Parallel.For(0, Encoders.Count, i => cells[i] = Encoders[i].Decode(matrix, rows, Width, Offsets[i], firstRow));
        return new RawTable(source, Columns.ToList(), cells, format: format);
    }

    /// <summary>The discrete column called <paramref name="name"/>, or null.</summary>
    public DiscreteColumn? FindDiscrete(string name) => DiscreteColumns.FirstOrDefault(d => d.Name == name);

    /// <summary>The encoders as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(Encoders, Json);

    /// <summary>Restores a transformer saved by <see cref="ToJson"/>.</summary>
    public static DataTransformer FromJson(string json) =>
        new(JsonSerializer.Deserialize<List<ColumnEncoder>>(json, Json) ?? throw new InvalidDataException("Empty transformer."));
}
