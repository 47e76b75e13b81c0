using Lamdas.Cluster.Messages;

namespace Lamdas.Api.Responses;

/// <summary>The team's jobs, newest first.</summary>
/// <param name="Jobs">Each job's current status.</param>
public sealed record JobListResponse(IReadOnlyList<JobStatus> Jobs);
