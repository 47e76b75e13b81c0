namespace Lamdas.Formats;

/// <summary>
/// Writes selected records in their input's format. <see cref="CompleteAsync"/> finishes the output (compression
/// trailer, Parquet footer); the output stream itself stays open (its owner closes it).
/// </summary>
public interface ISelectedRecordWriter : IAsyncDisposable
{
    ValueTask WriteAsync(SourceRecord record, CancellationToken ct = default);

    Task CompleteAsync(CancellationToken ct = default);
}
