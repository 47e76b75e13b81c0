using System.Globalization;

namespace Lamdas.Cli.Commands;

/// <summary>How the cluster commands print a job's status.</summary>
internal static class RemoteJobText
{
    public static string Progress(RemoteJobStatus s)
    {
        var rate = s.WorkerTokensPerSecond.Values.Sum();
        if (s.Phase == "preparing" && s.PrefixTraining is { } prefix)
        {
            return $"{s.Phase}: {PrefixText.Line(prefix)}";
        }

        // Documents so far: committed, and those of the shards in progress.
        return $"{s.Phase} shards {s.ShardsDone}/{s.ShardsTotal}" +
            (s.ShardsLeased > 0 ? $" ({s.ShardsLeased} leased)" : "") +
            (Queue(s) is { } queue ? $" ({queue})" : "") +
            $": {s.DocumentsSoFar} docs" +
            (s.InFlightDocuments > 0 ? $" ({s.InFlightDocuments} in flight)" : "") +
            $", selected {Share(s.SelectedSoFar, s.DocumentsSoFar)}" +
            (rate > 0 && !s.IsFinished ? $", {rate.ToString("F0", CultureInfo.InvariantCulture)} tok/s" : "");
    }

    public static void PrintStatus(RemoteJobStatus s, string url)
    {
        Console.WriteLine($"job         {s.JobId} ({s.Name}, team {s.Team})");
        Console.WriteLine($"phase       {s.Phase}{(s.Message is null ? "" : $": {s.Message}")}");
        Console.WriteLine($"shards      {s.ShardsDone}/{s.ShardsTotal} done, {s.ShardsLeased} leased, {s.ShardsFailed} failed");
        Console.WriteLine($"documents   {s.Documents}, selected {s.Selected} ({Share(s.Selected, s.Documents)}), quarantined {s.Quarantined}, tokens {s.Tokens}");
        if (s.InFlightDocuments > 0 || s.InFlightTokens > 0)
        {
            Console.WriteLine($"in flight   {s.InFlightDocuments} documents, selected {s.InFlightSelected}, quarantined {s.InFlightQuarantined}, " +
                $"tokens {s.InFlightTokens} (shards in progress, not committed yet)");
        }

        if (s.PrefixTraining is { } prefix)
        {
            Console.WriteLine($"prefix      {PrefixText.Line(prefix)}");
        }

        if (s.BytesTotal > 0)
        {
            Console.WriteLine($"input       {Share(s.BytesDone, s.BytesTotal)} of {s.BytesTotal} bytes scored");
        }

        if (s.Cascade is { } pilot)
        {
            Console.WriteLine($"cascade     {CascadeText.Line(pilot, s.ModelDocuments, s.Documents)[CascadeText.Prefix.Length..]}");
        }

        foreach (var (worker, rate) in s.WorkerTokensPerSecond.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"worker      {worker}: {rate.ToString("F0", CultureInfo.InvariantCulture)} tok/s");
        }

        if (Queue(s) is { } queue)
        {
            Console.WriteLine($"queue       {queue}");
        }
        else if (s.FirstLeaseUtc is { } first)
        {
            Console.WriteLine($"waited      {Seconds(s.WaitSeconds)} for a first worker (started {first:u})");
        }

        Console.WriteLine($"submitted   {s.SubmittedUtc:u}{(s.FinishedUtc is { } f ? $", finished {f:u}" : "")}");
        Console.WriteLine($"output      {s.Output}");
        Console.WriteLine($"report      {url}/report");
    }

    public static void PrintOutcome(RemoteJobStatus s, string url)
    {
        Console.WriteLine($"{s.JobId}: {s.Phase}{(s.Message is null ? "" : $": {s.Message}")}");
        Console.WriteLine($"documents {s.Documents}, selected {s.Selected} ({Share(s.Selected, s.Documents)}), quarantined {s.Quarantined}, tokens {s.Tokens}");
        if (s.Cascade is { } pilot)
        {
            Console.WriteLine(CascadeText.Line(pilot, s.ModelDocuments, s.Documents));
        }

        Console.WriteLine($"output: {s.Output} (report: {url}/report)");
    }

    /// <summary>A job still waiting for its first worker: its place in the queue and how long it has waited; otherwise null.</summary>
    public static string? Queue(RemoteJobStatus s) =>
        s.IsFinished || s.FirstLeaseUtc is not null
            ? null
            : (s.QueuePosition is { } p ? $"queued: position {p}, " : "queued: ") + $"waiting {Seconds(s.WaitSeconds)} for a worker";

    /// <summary>A duration in seconds as 42 s, 3 min 05 s or 2 h 07 min.</summary>
    public static string Seconds(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        return t.TotalHours >= 1
            ? $"{(int)t.TotalHours} h {t.Minutes:00} min"
            : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds:00} s" : $"{t.Seconds} s";
    }

    public static string Share(long part, long whole) =>
        whole == 0 ? "0%" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
