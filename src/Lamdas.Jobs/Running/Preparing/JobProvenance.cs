using Lamdas.Engine.Prefix;

namespace Lamdas.Jobs.Running;

/// <summary>
/// What a job's scores depend on besides its spec: the model and the prefix, by fingerprint. In the cluster the worker
/// that prepared the job reports it to the coordinator, which hands it to the finalizing worker.
/// </summary>
[GenerateSerializer, Immutable, Alias("lamdas.JobProvenance")]
public sealed record JobProvenance
{
    [Id(0)]
    public string? Model { get; init; }

    [Id(1)]
    public string? ModelFingerprint { get; init; }

    [Id(2)]
    public string? Architecture { get; init; }

    [Id(3)]
    public string? PrefixFingerprint { get; init; }

    /// <summary>Where the prepared prefix lies (the spec's prefix path or the job's output folder), for other processes to load.</summary>
    [Id(4)]
    public string? PrefixUri { get; init; }

    /// <summary>
    /// The prefix's training metadata, as the process that prepared it holds it. Not sent between silos: a process
    /// that receives the provenance reads the metadata from <see cref="PrefixUri"/>.
    /// </summary>
    [field: NonSerialized]
    public PrefixMetadata? PrefixMetadata { get; init; }

    /// <summary>What the cascade's pilot found (null: the job has no cascade).</summary>
    [Id(5)]
    public CascadePilot? Cascade { get; init; }

    /// <summary>
    /// A job of several domains: each domain's provenance, in the order of the spec (the fields above are the first
    /// domain's); null for a job of one domain.
    /// </summary>
    [Id(6)]
    public IReadOnlyList<JobProvenance>? Domains { get; init; }

    /// <summary>The provenance of domain <paramref name="index"/> (for a job of one domain, this one).</summary>
    public JobProvenance ForDomain(int index) => Domains is { } domains ? domains[index] : this;

    public static JobProvenance None { get; } = new();
}
