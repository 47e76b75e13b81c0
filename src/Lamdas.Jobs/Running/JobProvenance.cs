using Lamdas.Engine.Prefix;

namespace Lamdas.Jobs.Running;

/// <summary>What a job's scores depend on besides its spec: the model and the prefix, by fingerprint.</summary>
public sealed record JobProvenance
{
    public string? Model { get; init; }

    public string? ModelFingerprint { get; init; }

    public string? Architecture { get; init; }

    public string? PrefixFingerprint { get; init; }

    public PrefixMetadata? PrefixMetadata { get; init; }

    public static JobProvenance None { get; } = new();
}
