namespace Lamdas.Cluster.Messages;

/// <summary>The model and prefix a job's scores come from (reported by the worker that prepared the job).</summary>
[GenerateSerializer, Immutable, Alias("lamdas.JobProvenanceInfo")]
public sealed record JobProvenanceInfo
{
    [Id(0)]
    public string? Model { get; init; }

    [Id(1)]
    public string? ModelFingerprint { get; init; }

    [Id(2)]
    public string? Architecture { get; init; }

    [Id(3)]
    public string? PrefixFingerprint { get; init; }

    /// <summary>Where the prepared prefix lies (the job's output folder), for the other workers to load.</summary>
    [Id(4)]
    public string? PrefixUri { get; init; }
}
