namespace BeyondGan.Tabular.Data;

/// <summary>Reads a table from a CSV or Parquet file, chosen by extension (.parquet / .pq, otherwise CSV).</summary>
public static class TableReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    public static RawTable Read(string path, string? delimiter = null, MissingValues? missing = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".parquet" or ".pq" ? ParquetTableReader.Read(path, missing) : CsvTableReader.Read(path, delimiter, missing);
    }
}
