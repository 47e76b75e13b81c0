using Microsoft.Extensions.Logging;

namespace Lamdas.Cluster.Workers;

internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Worker {Worker} started on {Device}")]
    public static partial void Started(ILogger logger, string worker, string device);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Worker: job {JobId} shard {Shard} scored: {Documents} documents, {Tokens} tokens in {Seconds:F1}s")]
    public static partial void ShardDone(ILogger logger, string jobId, int shard, long documents, long tokens, double seconds);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Worker: job {JobId} {Work} failed: {Reason}")]
    public static partial void WorkFailed(ILogger logger, string jobId, string work, string reason, Exception exception);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Worker: job {JobId} lease {LeaseId} was lost; stopping work on it")]
    public static partial void LeaseLost(ILogger logger, string jobId, string leaseId);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Worker: job {JobId}: {Message}")]
    public static partial void JobMessage(ILogger logger, string jobId, string message);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Worker loop error (retrying): {Reason}")]
    public static partial void LoopError(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 306, Level = LogLevel.Information, Message = "Worker: loaded model {Directory} on {Device} in {DType} with {Threads} CPU threads")]
    public static partial void ModelLoaded(ILogger logger, string directory, string device, string dType, int threads);

    [LoggerMessage(EventId = 308, Level = LogLevel.Information, Message = "Worker: job {JobId} was cancelled; stopped its {Work}")]
    public static partial void WorkAborted(ILogger logger, string jobId, string work);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Worker: job {JobId} {Work} interrupted by the cluster (retried without using an attempt): {Reason}")]
    public static partial void WorkInterrupted(ILogger logger, string jobId, string work, string reason);
}
