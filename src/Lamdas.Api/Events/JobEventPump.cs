using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Lamdas.Cluster.Messages;

namespace Lamdas.Api.Events;

/// <summary>
/// Writes a job's events as SSE: first the current status (<c>status</c>, or <c>finished</c> when it already is), then
/// one event per stream <see cref="JobEvent"/>, until a <c>finished</c> event or cancellation (client gone).
/// While idle it sends a comment heartbeat and re-reads the status, so a lost stream message cannot leave the client
/// waiting forever; when the stream closes it keeps going by polling the status.
/// </summary>
public static class JobEventPump
{
    /// <summary>The event kind that ends the stream.</summary>
    public const string Finished = "finished";

    /// <summary>Runs until the job finishes or <paramref name="ct"/> is cancelled.</summary>
    /// <param name="initial">The status read after subscribing.</param>
    /// <param name="events">The job's stream events (completed when the stream is unavailable).</param>
    /// <param name="write">Writes and flushes SSE text.</param>
    /// <param name="refresh">Reads the current status.</param>
    /// <param name="timings">Heartbeat and polling intervals.</param>
    /// <param name="ct">Cancelled when the client disconnects.</param>
    public static async Task RunAsync(
        JobStatus initial,
        ChannelReader<JobEvent> events,
        Func<string, CancellationToken, Task> write,
        Func<Task<JobStatus>> refresh,
        EventPumpTimings timings,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(refresh);
        ArgumentNullException.ThrowIfNull(timings);

        var last = Json(initial);
        var lastWrite = Stopwatch.StartNew();
        await write(SseFormatter.Event(initial.IsFinished ? Finished : "status", last), ct);
        if (initial.IsFinished)
        {
            return;
        }

        var streamOpen = true;
        Task<bool>? waiting = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (streamOpen)
            {
                waiting ??= events.WaitToReadAsync(ct).AsTask();
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(streamOpen ? timings.Heartbeat : timings.Poll, timer.Token);
            var first = waiting is null ? delay : await Task.WhenAny((Task)waiting, delay);
            if (waiting is not null && first == waiting)
            {
                await timer.CancelAsync();
                var completed = waiting;
                waiting = null;
                if (!await StillOpen(completed, ct))
                {
                    streamOpen = false;
                    continue;
                }

                while (events.TryRead(out var e))
                {
                    var finished = e.Kind == Finished || e.Status.IsFinished;
                    last = Json(e.Status);
                    await write(SseFormatter.Event(finished ? Finished : e.Kind, last), ct);
                    lastWrite.Restart();
                    if (finished)
                    {
                        return;
                    }
                }

                continue;
            }

            try
            {
                await delay;
            }
            catch (OperationCanceledException)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (streamOpen || lastWrite.Elapsed >= timings.Heartbeat)
            {
                await write(SseFormatter.Comment("heartbeat"), ct);
                lastWrite.Restart();
            }

            JobStatus status;
            try
            {
                status = await refresh();
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                continue;
            }

            var json = Json(status);
            if (status.IsFinished || json != last)
            {
                last = json;
                await write(SseFormatter.Event(status.IsFinished ? Finished : "progress", json), ct);
                lastWrite.Restart();
                if (status.IsFinished)
                {
                    return;
                }
            }
        }
    }

    private static async Task<bool> StillOpen(Task<bool> wait, CancellationToken ct)
    {
        try
        {
            return await wait;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static string Json(JobStatus status) => JsonSerializer.Serialize(status, LamdasApiJson.Options);
}
