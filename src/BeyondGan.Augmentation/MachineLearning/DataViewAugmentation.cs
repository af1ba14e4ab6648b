using System.Globalization;
using System.Text;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace BeyondGan.Augmentation.MachineLearning;

/// <summary>
/// Augmentation inside ML.NET: an <see cref="IDataView"/> (or a sequence of rows) in, the same columns with the same
/// types out, with synthetic rows of the chosen classes appended. Supported column types: Single, Double, Int32,
/// Int64, Boolean and Text; the target must be a Text or Boolean column. Place it before the training
/// estimator, on the training split only: <c>var train = ml.Augment(split.TrainSet, new() { Target = "Label" });</c>
/// </summary>
public static class DataViewAugmentation
{
    /// <summary>Augments <paramref name="data"/>; column types are inferred from the values as in <c>tabular fit</c>, the target is always categorical.</summary>
    public static IDataView Augment(this MLContext ml, IDataView data, AugmentationOptions options, CtganSynthesizer? model = null)
    {
        var columns = data.Schema.Where(c => !c.IsHidden).ToList();
        foreach (var c in columns)
            if (Kind(c.Type) is null)
                throw new ArgumentException($"Column '{c.Name}' has type {c.Type}; augmentation reads Single, Double, Int32, Int64, Boolean and Text columns (vectors are not supported).");
        var table = ToTable(data, columns);
        var schema = SchemaInference.Infer(table, new SchemaOptions { Discrete = [options.Target], CategoryLimit = int.MaxValue });
        var result = TabularAugmenter.Augment(table, schema, options, model);
        var loaderColumns = result.Table.Columns.Select((name, i) =>
            new TextLoader.Column(name, i < columns.Count ? Kind(columns[i].Type)!.Value : DataKind.Boolean, i)).ToArray();
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        CsvTableWriter.Write(csv, result.Table);
        var loader = ml.Data.CreateTextLoader(loaderColumns, separatorChar: ',', hasHeader: true, allowQuoting: true);
        return loader.Load(new MemorySource(Encoding.UTF8.GetBytes(csv.ToString())));
    }

    /// <summary>Augments a sequence of rows of type <typeparamref name="T"/> (its properties are the columns).</summary>
    public static IEnumerable<T> Augment<T>(this MLContext ml, IEnumerable<T> rows, AugmentationOptions options, CtganSynthesizer? model = null)
        where T : class, new()
    {
        if (options.MarkColumn is not null) throw new ArgumentException("A marker column cannot be added to typed rows; augment an IDataView instead.");
        return ml.Data.CreateEnumerable<T>(ml.Augment(ml.Data.LoadFromEnumerable(rows), options, model), reuseRowObject: false).ToList();
    }

    private static DataKind? Kind(DataViewType type) =>
        type == NumberDataViewType.Single ? DataKind.Single
        : type == NumberDataViewType.Double ? DataKind.Double
        : type == NumberDataViewType.Int32 ? DataKind.Int32
        : type == NumberDataViewType.Int64 ? DataKind.Int64
        : type == BooleanDataViewType.Instance ? DataKind.Boolean
        : type == TextDataViewType.Instance ? DataKind.String
        : null;

    private static RawTable ToTable(IDataView data, List<DataViewSchema.Column> columns)
    {
        var cells = columns.Select(_ => new List<string?>()).ToArray();
        using var cursor = data.GetRowCursor(columns);
        var readers = columns.Select(c => Reader(cursor, c)).ToArray();
        while (cursor.MoveNext())
            for (int i = 0; i < readers.Length; i++) cells[i].Add(readers[i]());
        return new RawTable("data view", columns.Select(c => c.Name).ToList(), cells.Select(c => c.ToArray()).ToList());
    }

    private static Func<string?> Reader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        switch (Kind(column.Type))
        {
            case DataKind.Single: { var g = cursor.GetGetter<float>(column); float v = 0; return () => { g(ref v); return float.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : null; }; }
            case DataKind.Double: { var g = cursor.GetGetter<double>(column); double v = 0; return () => { g(ref v); return double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : null; }; }
            case DataKind.Int32: { var g = cursor.GetGetter<int>(column); int v = 0; return () => { g(ref v); return v.ToString(CultureInfo.InvariantCulture); }; }
            case DataKind.Int64: { var g = cursor.GetGetter<long>(column); long v = 0; return () => { g(ref v); return v.ToString(CultureInfo.InvariantCulture); }; }
            case DataKind.Boolean: { var g = cursor.GetGetter<bool>(column); bool v = false; return () => { g(ref v); return v ? "true" : "false"; }; }
            default: { var g = cursor.GetGetter<ReadOnlyMemory<char>>(column); ReadOnlyMemory<char> v = default; return () => { g(ref v); return v.Length == 0 ? null : v.ToString(); }; }
        }
    }

    /// <summary>An in-memory file for ML.NET's text loader.</summary>
    private sealed class MemorySource(byte[] bytes) : IMultiStreamSource
    {
        public int Count => 1;
        public string? GetPathOrNull(int index) => null;
        public Stream Open(int index) => new MemoryStream(bytes, writable: false);
        public TextReader OpenTextReader(int index) => new StreamReader(Open(index), Encoding.UTF8);
    }
}
