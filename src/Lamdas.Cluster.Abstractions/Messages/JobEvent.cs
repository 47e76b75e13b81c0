namespace Lamdas.Cluster.Messages;

/// <summary>A job's progress, published on the job's stream after every change worth showing.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.JobEvent")]
public sealed record JobEvent(
    [property: Id(0)] string Kind,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] DateTimeOffset AtUtc);
