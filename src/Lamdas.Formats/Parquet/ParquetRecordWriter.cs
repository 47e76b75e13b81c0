using Parquet;

namespace Lamdas.Formats;

/// <summary>
/// Writes Parquet rows (each record's <see cref="SourceRecord.Values"/>) with a given schema, in row groups of
/// <see cref="ParquetSchemaSource.MaxRowGroupRows"/> rows (or about 64 MB of values, whichever comes first);
/// memory holds one row group. Output is deterministic.
/// </summary>
internal sealed class ParquetRecordWriter : ISelectedRecordWriter
{
    /// <summary>A row group is also cut when its buffered values reach about this size.</summary>
    private const long MaxRowGroupBytes = 64L * 1024 * 1024;

    private readonly Stream _output;
    private readonly ParquetSchemaSource _schema;
    private readonly List<IReadOnlyList<object?>> _rows = [];
    private ParquetWriter? _writer;
    private long _bufferedBytes;
    private bool _completed;

    public ParquetRecordWriter(Stream output, ParquetSchemaSource schema)
    {
        _output = output;
        _schema = schema;
    }

    public async ValueTask WriteAsync(SourceRecord record, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(_completed, this);
        var values = record.Values
            ?? throw new ArgumentException($"record {record.Source}@{record.Position} has no Parquet values: Parquet output takes records read from Parquet", nameof(record));
        if (values.Count != _schema.Columns.Count)
        {
            throw new ArgumentException($"record {record.Source}@{record.Position} has {values.Count} values; the schema has {_schema.Columns.Count} columns", nameof(record));
        }

        _rows.Add(values);
        _bufferedBytes += EstimateBytes(values);
        if (_rows.Count >= _schema.MaxRowGroupRows || _bufferedBytes >= MaxRowGroupBytes)
        {
            await FlushRowGroupAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task CompleteAsync(CancellationToken ct = default)
    {
        if (_completed)
        {
            return;
        }

        await FlushRowGroupAsync(ct).ConfigureAwait(false);
        var writer = await WriterAsync(ct).ConfigureAwait(false); // a file with no rows still gets a footer
        _completed = true;
        await writer.DisposeAsync().ConfigureAwait(false);
        _writer = null;
        await _output.FlushAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _completed = true;
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }
    }

    private async Task FlushRowGroupAsync(CancellationToken ct)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        var writer = await WriterAsync(ct).ConfigureAwait(false);
        using (var group = writer.CreateRowGroup())
        {
            for (var c = 0; c < _schema.Columns.Count; c++)
            {
                var column = new object?[_rows.Count];
                for (var r = 0; r < column.Length; r++)
                {
                    column[r] = _rows[r][c];
                }

                var field = _schema.Columns[c];
                await ParquetColumns.For(field).Write(group, field, column, ct).ConfigureAwait(false);
            }
        }

        _rows.Clear();
        _bufferedBytes = 0;
    }

    private static long EstimateBytes(IReadOnlyList<object?> values)
    {
        long bytes = 0;
        foreach (var value in values)
        {
            bytes += value switch
            {
                string s => s.Length,
                byte[] b => b.Length,
                _ => 8,
            };
        }

        return bytes;
    }

    private async Task<ParquetWriter> WriterAsync(CancellationToken ct) =>
        _writer ??= await ParquetWriter.CreateAsync(_schema.Schema, _output, new ParquetOptions(), append: false, ct).ConfigureAwait(false);
}
