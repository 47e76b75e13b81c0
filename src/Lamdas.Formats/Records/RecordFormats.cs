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

    /// <summary>The file-name endings of readable record files, dot included, longest first (<c>.jsonl.gz</c> before <c>.jsonl</c>).</summary>
    public static IReadOnlyList<string> ReadableExtensions { get; } = Suffixes.Select(s => s.Suffix).ToArray();

    /// <summary>
    /// Whether an input URI or glob can name a readable record file, judged by the literal end of its last path segment
    /// alone (case-insensitive; nothing is listed or opened). False when that segment ends in a file extension no
    /// readable format has: <c>data/report.csv</c>, <c>data/*.txt</c>. True for readable names (<c>a.jsonl.zst</c>),
    /// for a segment without an extension (<c>data/part-0001</c>, a folder) and for wildcard endings that may still
    /// match a readable file (<c>data/**</c>, <c>part-*</c>, <c>*.gz</c>).
    /// </summary>
    public static bool CanBeReadable(string uriOrGlob)
    {
        ArgumentNullException.ThrowIfNull(uriOrGlob);
        var name = StorageUri.FileName(uriOrGlob);
        var wildcard = name.LastIndexOfAny(['*', '?', '[', ']']);
        var literal = wildcard < 0 ? name : name[(wildcard + 1)..];
        if (!literal.Contains('.', StringComparison.Ordinal))
        {
            return true;
        }

        // A literal name must end in a readable extension; a wildcard one must be able to, whatever the wildcard matches.
        return Suffixes.Any(s => literal.EndsWith(s.Suffix, StringComparison.OrdinalIgnoreCase)
            || (wildcard >= 0 && s.Suffix.EndsWith(literal, StringComparison.OrdinalIgnoreCase)));
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
