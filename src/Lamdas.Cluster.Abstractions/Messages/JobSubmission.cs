namespace Lamdas.Cluster.Messages;

/// <summary>A validated job spec (canonical JSON) submitted by a team.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.JobSubmission")]
public sealed record JobSubmission
{
    [Id(0)]
    public required string JobId { get; init; }

    [Id(1)]
    public required string Team { get; init; }

    [Id(2)]
    public required string SpecJson { get; init; }

    /// <summary>Labels file to evaluate the selection against in the report (optional).</summary>
    [Id(3)]
    public string? Labels { get; init; }

    [Id(4)]
    public DateTimeOffset SubmittedUtc { get; init; }
}
