using System.Text.Json.Serialization;

namespace Lamdas.Jobs.Running;

/// <summary>The job holding an output folder's claim (<see cref="OutputClaim"/>) and since when.</summary>
public sealed record OutputClaimHolder(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("claimed_utc")] DateTimeOffset? ClaimedUtc);
