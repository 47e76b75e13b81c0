namespace Lamdas.Jobs.Running;

/// <summary>How a job run reports and where the engine computes.</summary>
public sealed record JobRunnerOptions
{
    public Action<string>? Log { get; init; }

    public Action<JobProgress>? Progress { get; init; }

    /// <summary>Labels (<c>{id, in_domain}</c> JSONL) to put selected precision/recall in the report; optional.</summary>
    public string? Labels { get; init; }
}
