using System.Threading.Channels;
using Lamdas.Cluster;
using Lamdas.Cluster.Messages;
using Orleans.Streams;

namespace Lamdas.Api.Events;

/// <summary>Subscribes to a job's Orleans stream (<see cref="ClusterNames.StreamProvider"/>, namespace <see cref="ClusterNames.JobEventsNamespace"/>, key = job id).</summary>
public sealed class OrleansJobEventSource(IClusterClient client) : IJobEventSource
{
    /// <inheritdoc />
    public async Task<IAsyncDisposable> SubscribeAsync(string jobId, ChannelWriter<JobEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        ct.ThrowIfCancellationRequested();
        var stream = client.GetStreamProvider(ClusterNames.StreamProvider)
            .GetStream<JobEvent>(StreamId.Create(ClusterNames.JobEventsNamespace, jobId));
        var handle = await stream.SubscribeAsync(
            (e, _) =>
            {
                events.TryWrite(e);
                return Task.CompletedTask;
            },
            error =>
            {
                events.TryComplete(error);
                return Task.CompletedTask;
            },
            () =>
            {
                events.TryComplete();
                return Task.CompletedTask;
            });
        return new Subscription(handle);
    }

    private sealed class Subscription(StreamSubscriptionHandle<JobEvent> handle) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await handle.UnsubscribeAsync();
    }
}
