namespace Lamdas.Jobs.Running;

/// <summary>How a job run reports and where the engine computes.</summary>
public sealed record JobRunnerOptions
{
    public Action<string>? Log { get; init; }

    public Action<JobProgress>? Progress { get; init; }

    /// <summary>Labels (<c>{id, in_domain}</c> JSONL) to put selected precision/recall in the report; optional.</summary>
    public string? Labels { get; init; }

    /// <summary>The store jobs keep model passes in unless their spec says otherwise (<c>cache:</c>); null: none.</summary>
    public Scoring.Passes.ScoreStore? ScoreStore { get; init; }

    /// <summary>The object store the job reads and writes through (default: an unconfined <see cref="Storage.ObjectStore"/>).</summary>
    public Storage.IObjectStore? Store { get; init; }
}
