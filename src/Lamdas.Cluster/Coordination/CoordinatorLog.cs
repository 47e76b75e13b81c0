using Microsoft.Extensions.Logging;

namespace Lamdas.Cluster.Coordination;

internal static partial class CoordinatorLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Job {JobId} submitted by team {Team}: {Shards} shards, phase {Phase}")]
    public static partial void Submitted(ILogger logger, string jobId, string team, int shards, string phase);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Job {JobId} could not be planned: {Reason}")]
    public static partial void PlanningFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Job {JobId} is now {Phase}")]
    public static partial void PhaseChanged(ILogger logger, string jobId, string phase);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Job {JobId}: shard {Shard} failed (attempt {Attempt}): {Reason}")]
    public static partial void ShardFailed(ILogger logger, string jobId, int shard, int attempt, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Job {JobId}: reclaimed {Count} expired leases")]
    public static partial void Reclaimed(ILogger logger, string jobId, int count);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Job {JobId} resumed: {Done} of {Total} shards were completed by an earlier run")]
    public static partial void Resumed(ILogger logger, string jobId, int done, int total);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Job {JobId}: {Task} failed: {Reason}")]
    public static partial void TaskFailed(ILogger logger, string jobId, string task, string reason);

    [LoggerMessage(EventId = 107, Level = LogLevel.Debug, Message = "Job {JobId}: could not wake worker {Worker}: {Reason}")]
    public static partial void WakeFailed(ILogger logger, string jobId, string worker, string reason);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Job {JobId}: could not tell worker {Worker} to stop the cancelled job's work (its lease heartbeat will): {Reason}")]
    public static partial void AbortFailed(ILogger logger, string jobId, string worker, string reason);

    [LoggerMessage(EventId = 108, Level = LogLevel.Debug, Message = "Job {JobId}: state not written on deactivation: {Reason}")]
    public static partial void FinalWriteFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Job {JobId}: shard {Shard} interrupted by the cluster ({Interruptions} so far), leased again: {Reason}")]
    public static partial void ShardInterrupted(ILogger logger, string jobId, int shard, int interruptions, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Job {JobId}: {Task} interrupted by the cluster, leased again: {Reason}")]
    public static partial void TaskInterrupted(ILogger logger, string jobId, string task, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Job {JobId}: the claim on its output folder was not released: {Reason}")]
    public static partial void ClaimNotReleased(ILogger logger, string jobId, string reason);
}
