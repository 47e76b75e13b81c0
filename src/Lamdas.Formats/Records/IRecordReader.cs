namespace Lamdas.Formats;

/// <summary>Reads one shard. <see cref="ReadAsync"/> can be enumerated once.</summary>
public interface IRecordReader : IAsyncDisposable
{
    IAsyncEnumerable<ReadResult> ReadAsync(CancellationToken ct = default);
}
