using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Runs a producer on the thread pool at most <c>capacity</c> items ahead of the one consumer that reads its items,
/// in order (reading and tokenizing a shard while the model scores). The producer's failure reaches the consumer
/// after the items produced before it.
/// </summary>
public sealed class ReadAhead<T>(int capacity)
{
    private Channel<T>? _channel;

    /// <summary>Items produced and not yet read (of the latest run).</summary>
    public int Queued => _channel?.Reader.Count ?? 0;

    public async IAsyncEnumerable<T> RunAsync(Func<ChannelWriter<T>, CancellationToken, Task> produce,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(produce);
        var current = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        _channel = current;
        var producer = Task.Run(async () =>
        {
            try
            {
                await produce(current.Writer, ct);
                current.Writer.Complete();
            }
            catch (Exception e)
            {
                current.Writer.Complete(e);
            }
        }, ct);

        await foreach (var item in current.Reader.ReadAllAsync(ct))
        {
            yield return item;
        }

        await producer;
    }
}
