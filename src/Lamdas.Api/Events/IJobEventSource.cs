using System.Threading.Channels;
using Lamdas.Cluster.Messages;

namespace Lamdas.Api.Events;

/// <summary>Delivers a job's progress events into a channel (the Orleans stream in the cluster; a fake in tests).</summary>
public interface IJobEventSource
{
    /// <summary>
    /// Starts delivering the job's events into <paramref name="events"/>; the writer is completed when the stream ends
    /// or fails. Disposing the result unsubscribes.
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(string jobId, ChannelWriter<JobEvent> events, CancellationToken ct);
}
