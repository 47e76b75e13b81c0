using Lamdas.Jobs.Spec;

namespace Lamdas.Cluster.Messages;

/// <summary>A job spec, parsed and validated once on submission, submitted by a team.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.JobSubmission")]
public sealed record JobSubmission
{
    [Id(0)]
    public required string JobId { get; init; }

    [Id(1)]
    public required string Team { get; init; }

    [Id(2)]
    public required JobSpec Spec { get; init; }

    /// <summary>Labels file to evaluate the selection against in the report (optional).</summary>
    [Id(3)]
    public string? Labels { get; init; }

    [Id(4)]
    public DateTimeOffset SubmittedUtc { get; init; }

    /// <summary>The team's storage prefixes the job is confined to; null for a local run (no confinement).</summary>
    [Id(5)]
    public StorageScope? Scope { get; init; }

    /// <summary>
    /// A local run: a claim left on the output folder by an earlier run that did not end cleanly is taken over
    /// (the operator owns the folder). Cluster jobs take over only the claims of jobs known to have ended.
    /// </summary>
    [Id(6)]
    public bool ReclaimOutput { get; init; }

    /// <summary>
    /// The team's weight when it submitted the job (configuration <c>Lamdas:Teams:N:Weight</c>, 1 for a local run):
    /// busy teams share the workers in proportion to their weights.
    /// </summary>
    [Id(7)]
    public double TeamWeight { get; init; } = 1;
}
