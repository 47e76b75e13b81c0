namespace Lamdas.Formats;

/// <summary>The record formats read and written: JSON Lines (plain, gzip, zstd) and Parquet.</summary>
[GenerateSerializer, Alias("lamdas.RecordFormat")]
public enum RecordFormat
{
    Jsonl,
    JsonlGzip,
    JsonlZstd,
    Parquet,
}
