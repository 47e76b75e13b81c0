using Lamdas.Storage;
using Parquet.Meta;

namespace Lamdas.Formats;

/// <summary>
/// Cuts inputs into shards, deterministically (same inputs, same shards, in input order): plain JSONL into
/// ceil(length / target) equal byte ranges (cut anywhere: the reader gives each line to the range it starts in),
/// compressed JSONL one shard per file, Parquet one shard per row group (read from the footer).
/// </summary>
public static class ShardPlanner
{
    public static async Task<IReadOnlyList<ShardSpec>> PlanAsync(IObjectStore store, IReadOnlyList<StoredObject> inputs, long targetShardBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetShardBytes, 1);
        var shards = new List<ShardSpec>();
        foreach (var input in inputs)
        {
            var format = RecordFormats.Detect(input.Uri);
            switch (format)
            {
                case RecordFormat.Jsonl:
                    shards.AddRange(SplitRanges(input, targetShardBytes));
                    break;
                case RecordFormat.Parquet:
                    shards.AddRange(await RowGroupsAsync(store, input, ct).ConfigureAwait(false));
                    break;
                default:
                    shards.Add(new ShardSpec(input.Uri, format, 0, input.Length, null));
                    break;
            }
        }

        return shards;
    }

    private static IEnumerable<ShardSpec> SplitRanges(StoredObject input, long target)
    {
        var count = Math.Max(1, (input.Length + target - 1) / target);
        for (long i = 0; i < count; i++)
        {
            yield return new ShardSpec(input.Uri, RecordFormat.Jsonl, Cut(input.Length, i, count), Cut(input.Length, i + 1, count), null);
        }
    }

    private static long Cut(long length, long index, long count) => (long)((Int128)length * index / count);

    private static async Task<IEnumerable<ShardSpec>> RowGroupsAsync(IObjectStore store, StoredObject input, CancellationToken ct)
    {
        await using var reader = await ParquetFile.OpenAsync(store, input.Uri, ct).ConfigureAwait(false);
        var groups = reader.Metadata?.RowGroups ?? [];
        return groups.Select((group, index) =>
        {
            var (start, end) = ByteSpan(group);
            return new ShardSpec(input.Uri, RecordFormat.Parquet, start, end, index);
        }).ToList();
    }

    private static (long Start, long End) ByteSpan(RowGroup group)
    {
        long start = long.MaxValue, end = 0;
        foreach (var column in group.Columns)
        {
            if (column.MetaData is not { } meta)
            {
                continue;
            }

            var first = meta.DictionaryPageOffset is > 0 and var dictionary ? Math.Min(dictionary, meta.DataPageOffset) : meta.DataPageOffset;
            start = Math.Min(start, first);
            end = Math.Max(end, first + meta.TotalCompressedSize);
        }

        return start == long.MaxValue ? (0, 0) : (start, end);
    }
}
