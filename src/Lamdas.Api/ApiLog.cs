using Microsoft.Extensions.Logging;

namespace Lamdas.Api;

/// <summary>The API's log messages (keys are never logged).</summary>
internal static partial class ApiLog
{
    public const string Category = "Lamdas.Api";

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Team {Team} submitted job {JobId} ({Name})")]
    public static partial void JobSubmitted(this ILogger logger, string team, string jobId, string name);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Team {Team} cancelled job {JobId}: {Reason}")]
    public static partial void JobCancelled(this ILogger logger, string team, string jobId, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Authentication failed for {Method} {Path} from {Remote}: {Reason}")]
    public static partial void AuthenticationFailed(this ILogger logger, string method, string path, string? remote, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Team {Team} was refused a job: {Reason}")]
    public static partial void AccessDenied(this ILogger logger, string team, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Team {Team} sent an invalid job specification ({Count} problems)")]
    public static partial void SpecRejected(this ILogger logger, string team, int count);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Events of job {JobId} are unavailable on the stream; polling its status instead")]
    public static partial void EventStreamUnavailable(this ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug, Message = "Unsubscribing from the events of job {JobId} failed")]
    public static partial void UnsubscribeFailed(this ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Cannot read the report of job {JobId}")]
    public static partial void ReportUnreadable(this ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Debug, Message = "The scoring worker of silo {Silo} did not report its status: {Reason}")]
    public static partial void WorkerStatusUnavailable(this ILogger logger, string silo, string reason);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Team {Team} was refused output {Output}: in use by job {Holder}")]
    public static partial void OutputInUse(this ILogger logger, string team, string output, string holder);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Team {Team} was refused a job: {Reason}")]
    public static partial void TeamLimitReached(this ILogger logger, string team, string reason);
}
