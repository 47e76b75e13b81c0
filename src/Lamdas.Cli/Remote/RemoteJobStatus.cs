using Lamdas.Jobs.Running;

namespace Lamdas.Cli.Commands;

/// <summary>A job's status as the cluster API returns it (snake_case JSON).</summary>
internal sealed record RemoteJobStatus
{
    public string JobId { get; init; } = "";

    public string Team { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>planning, preparing, scoring, finalizing, succeeded, failed or cancelled.</summary>
    public string Phase { get; init; } = "";

    public int ShardsTotal { get; init; }

    public int ShardsDone { get; init; }

    public int ShardsLeased { get; init; }

    public int ShardsFailed { get; init; }

    public long Documents { get; init; }

    public long Selected { get; init; }

    public long Quarantined { get; init; }

    public long Tokens { get; init; }

    public string Output { get; init; } = "";

    public string? Message { get; init; }

    public DateTimeOffset SubmittedUtc { get; init; }

    public DateTimeOffset? FinishedUtc { get; init; }

    public Dictionary<string, double> WorkerTokensPerSecond { get; init; } = [];

    public long BytesTotal { get; init; }

    public long BytesDone { get; init; }

    /// <summary>What the cascade's pilot found (null: no cascade, or its pilot has not run yet).</summary>
    public CascadePilot? Cascade { get; init; }

    /// <summary>A cascade job's documents that reached the LLM so far (null without a cascade).</summary>
    public long? ModelDocuments { get; init; }

    /// <summary>When the job first got a worker (null while it waits for its first).</summary>
    public DateTimeOffset? FirstLeaseUtc { get; init; }

    /// <summary>Seconds from submission to the first worker, or to now while it has had none.</summary>
    public double WaitSeconds { get; init; }

    /// <summary>Among the jobs waiting for their first worker, this one's place (1: next); null once it has had one.</summary>
    public int? QueuePosition { get; init; }

    /// <summary>Documents of shards still being scored (not committed, not part of <see cref="Documents"/>).</summary>
    public long InFlightDocuments { get; init; }

    public long InFlightSelected { get; init; }

    public long InFlightQuarantined { get; init; }

    public long InFlightTokens { get; init; }

    public long InFlightBytes { get; init; }

    /// <summary>The prefix training's last epoch (null: no training, or none done yet).</summary>
    public PrefixTrainingProgress? PrefixTraining { get; init; }

    /// <summary>Committed and in-flight documents.</summary>
    public long DocumentsSoFar => Documents + InFlightDocuments;

    public long SelectedSoFar => Selected + InFlightSelected;

    public bool IsFinished => Phase is "succeeded" or "failed" or "cancelled";

    /// <summary>The exit code of a finished job: 0 succeeded, 3 failed, 4 cancelled.</summary>
    public int ExitCode => Phase switch
    {
        "succeeded" => 0,
        "cancelled" => 4,
        _ => 3,
    };
}
