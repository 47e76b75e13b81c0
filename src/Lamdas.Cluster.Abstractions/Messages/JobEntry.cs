namespace Lamdas.Cluster.Messages;

/// <summary>A job in the cluster's list of jobs.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.JobEntry")]
public sealed record JobEntry(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Team,
    [property: Id(2)] string Name,
    [property: Id(3)] DateTimeOffset SubmittedUtc,
    [property: Id(4)] bool Active);
