namespace Lamdas.Cluster.Messages;

/// <summary>A job in the cluster's list of jobs.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="Team">The team that owns the job.</param>
/// <param name="Name">The spec's name.</param>
/// <param name="SubmittedUtc">When the job was submitted.</param>
/// <param name="Active">Whether the job still needs workers.</param>
/// <param name="Priority">The spec's priority: among one team's jobs, workers go to a higher one first.</param>
/// <param name="Weight">The team's weight when the job was submitted: its share of the workers against other teams.</param>
[GenerateSerializer, Immutable, Alias("lamdas.JobEntry")]
public sealed record JobEntry(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Team,
    [property: Id(2)] string Name,
    [property: Id(3)] DateTimeOffset SubmittedUtc,
    [property: Id(4)] bool Active,
    [property: Id(5)] int Priority = 0,
    [property: Id(6)] double Weight = 1);
