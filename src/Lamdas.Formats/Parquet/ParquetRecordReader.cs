using System.Runtime.CompilerServices;
using Lamdas.Storage;
using Parquet;
using Parquet.Schema;

namespace Lamdas.Formats;

/// <summary>
/// Reads a Parquet shard (one row group, or all) row by row. A row group that fails to decode becomes one bad
/// record (at its first row) and reading goes on with the next group. Memory: one row group's columns at a time.
/// </summary>
internal sealed class ParquetRecordReader : IRecordReader
{
    private readonly ShardSpec _shard;
    private readonly ParquetReader _reader;
    private readonly IReadOnlyList<DataField> _columns;
    private int _started;

    private ParquetRecordReader(ShardSpec shard, ParquetReader reader, IReadOnlyList<DataField> columns)
    {
        _shard = shard;
        _reader = reader;
        _columns = columns;
    }

    public static async Task<IRecordReader> OpenAsync(IObjectStore store, ShardSpec shard, CancellationToken ct)
    {
        var reader = await ParquetFile.OpenAsync(store, shard.Uri, ct).ConfigureAwait(false);
        try
        {
            var columns = ParquetColumns.RequireFlat(reader.Schema, shard.Uri);
            if (shard.RowGroup is { } group && (group < 0 || group >= reader.RowGroupCount))
            {
                throw new ArgumentException($"'{shard.Uri}' has {reader.RowGroupCount} row groups; there is no row group {group}", nameof(shard));
            }

            return new ParquetRecordReader(shard, reader, columns);
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async IAsyncEnumerable<ReadResult> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("a record reader can be enumerated once");
        }

        var groups = _shard.RowGroup is { } only ? [only] : Enumerable.Range(0, _reader.RowGroupCount).ToArray();
        foreach (var group in groups)
        {
            var firstRow = _reader.Metadata!.RowGroups.Take(group).Sum(g => g.NumRows);
            var (columns, failure) = await ReadGroupAsync(group, ct).ConfigureAwait(false);
            if (columns is null)
            {
                yield return new ReadResult(null, new BadRecord(_shard.Uri, firstRow, $"unreadable Parquet row group {group}: {failure!.Message}", ReadOnlyMemory<byte>.Empty));
                continue;
            }

            var rows = columns.Length == 0 ? 0 : columns[0].Length;
            for (var row = 0; row < rows; row++)
            {
                var values = new object?[columns.Length];
                for (var c = 0; c < columns.Length; c++)
                {
                    values[c] = columns[c][row];
                }

                var json = ParquetJson.ToElement(_columns, values);
                yield return new ReadResult(new SourceRecord(_shard.Uri, firstRow + row, ReadOnlyMemory<byte>.Empty, json) { Values = values }, null);
            }
        }
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    private async Task<(object?[][]? Columns, Exception? Failure)> ReadGroupAsync(int group, CancellationToken ct)
    {
        try
        {
            var reader = _reader.OpenRowGroupReader(group);
            var columns = new object?[_columns.Count][];
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c] = await ParquetColumns.For(_columns[c]).Read(reader, _columns[c], ct).ConfigureAwait(false);
                if (columns[c].Length != reader.RowCount)
                {
                    throw new InvalidDataException($"column '{_columns[c].Name}' has {columns[c].Length} values for {reader.RowCount} rows");
                }
            }

            return (columns, null);
        }
        catch (Exception e) when (e is not (OperationCanceledException or StorageException))
        {
            return (null, e);
        }
    }
}
