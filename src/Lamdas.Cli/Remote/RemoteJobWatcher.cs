using Spectre.Console;

namespace Lamdas.Cli.Commands;

/// <summary>
/// Follows a cluster job until it finishes: live progress from the server-sent events (a Spectre.Console progress bar,
/// or plain lines when the output is not a terminal — see <see cref="ProgressThrottle"/>), falling back to polling the status every 2 s when the stream breaks.
/// </summary>
internal static class RemoteJobWatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private const int MaxPollFailures = 15;

    /// <summary>Follows the job and prints its outcome; the exit code is 0 (succeeded), 3 (failed) or 4 (cancelled).</summary>
    public static async Task<int> FollowAsync(LamdasApiClient client, string jobId, bool plain, CancellationToken ct)
    {
        RemoteJobStatus final;
        try
        {
            if (!plain && AnsiConsole.Profile.Capabilities.Interactive)
            {
                final = await AnsiConsole.Progress()
                    .AutoClear(false)
                    .HideCompleted(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask(Markup.Escape(jobId), maxValue: 1);
                        var status = await FollowCoreAsync(client, jobId, s => Show(task, s), note => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(note)}[/]"), ct);
                        task.Value = task.MaxValue;
                        return status;
                    });
            }
            else
            {
                // A log, not a terminal: a line when something changed, at most every 30 s; phase changes at once.
                var throttle = new ProgressThrottle();
                final = await FollowCoreAsync(
                    client,
                    jobId,
                    s =>
                    {
                        var line = RemoteJobText.Progress(s);
                        if (throttle.ShouldPrint(s.Phase, line, s.IsFinished))
                        {
                            Console.Error.WriteLine(line);
                        }
                    },
                    Console.Error.WriteLine,
                    ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine($"stopped watching; the job keeps running (lamdas cancel {jobId} stops it)");
            throw;
        }

        RemoteJobText.PrintOutcome(final, client.JobUrl(final.JobId.Length > 0 ? final.JobId : jobId));
        return final.ExitCode;
    }

    private static async Task<RemoteJobStatus> FollowCoreAsync(
        LamdasApiClient client, string jobId, Action<RemoteJobStatus> show, Action<string> note, CancellationToken ct)
    {
        try
        {
            await foreach (var (kind, status) in client.EventsAsync(jobId, ct))
            {
                show(status);
                if (kind == "finished" || status.IsFinished)
                {
                    return status;
                }
            }

            note($"the event stream ended early; polling the status every {PollInterval.TotalSeconds:F0} s");
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or IOException or System.Text.Json.JsonException)
        {
            note($"the event stream broke ({e.Message}); polling the status every {PollInterval.TotalSeconds:F0} s");
        }

        var failures = 0;
        while (true)
        {
            try
            {
                var status = await client.GetAsync(jobId, ct);
                failures = 0;
                show(status);
                if (status.IsFinished)
                {
                    return status;
                }
            }
            catch (CliException e) when (e.Message.StartsWith("cannot reach", StringComparison.Ordinal) && ++failures < MaxPollFailures)
            {
                note(e.Message + "; retrying");
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    private static void Show(ProgressTask task, RemoteJobStatus status)
    {
        if (status.BytesTotal > 0)
        {
            task.MaxValue = status.BytesTotal;
            task.Value = Math.Min(status.BytesDone + status.InFlightBytes, status.BytesTotal);
        }
        else if (status.ShardsTotal > 0)
        {
            task.MaxValue = status.ShardsTotal;
            task.Value = status.ShardsDone;
        }

        task.Description = Markup.Escape(RemoteJobText.Progress(status));
    }
}
