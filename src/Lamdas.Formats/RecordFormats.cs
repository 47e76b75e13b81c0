using Lamdas.Storage;

namespace Lamdas.Formats;

/// <summary>Tells a record format from a file name, and the extension each format is written with.</summary>
public static class RecordFormats
{
    private static readonly (string Suffix, RecordFormat Format)[] Suffixes =
    [
        (".jsonl.gz", RecordFormat.JsonlGzip),
        (".ndjson.gz", RecordFormat.JsonlGzip),
        (".jsonl.zst", RecordFormat.JsonlZstd),
        (".ndjson.zst", RecordFormat.JsonlZstd),
        (".jsonl", RecordFormat.Jsonl),
        (".ndjson", RecordFormat.Jsonl),
        (".parquet", RecordFormat.Parquet),
    ];

    /// <summary>
    /// The format of <paramref name="uri"/> by its name (case-insensitive): <c>.jsonl</c>/<c>.ndjson</c>,
    /// the same with <c>.gz</c> or <c>.zst</c>, or <c>.parquet</c>. Anything else is a <see cref="FormatException"/>.
    /// </summary>
    public static RecordFormat Detect(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var name = StorageUri.FileName(uri);
        foreach (var (suffix, format) in Suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return format;
            }
        }

        throw new FormatException(
            $"cannot tell the record format of '{uri}' from its name: expected .jsonl, .ndjson, .jsonl.gz, .ndjson.gz, .jsonl.zst, .ndjson.zst or .parquet");
    }

    /// <summary>The extension written for a format, dot included (<c>.jsonl.zst</c>).</summary>
    public static string Extension(RecordFormat format) => format switch
    {
        RecordFormat.Jsonl => ".jsonl",
        RecordFormat.JsonlGzip => ".jsonl.gz",
        RecordFormat.JsonlZstd => ".jsonl.zst",
        RecordFormat.Parquet => ".parquet",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown record format"),
    };
}
