namespace Lamdas.Api.Events;

/// <summary>How often the events endpoint sends heartbeats and, without a live stream, polls the job's status.</summary>
/// <param name="Heartbeat">Idle time after which a comment heartbeat is sent (and the status re-read).</param>
/// <param name="Poll">Status polling interval once the event stream is unavailable.</param>
public sealed record EventPumpTimings(TimeSpan Heartbeat, TimeSpan Poll)
{
    /// <summary>15 s heartbeats, 2 s polling.</summary>
    public static EventPumpTimings Default { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(2));
}
