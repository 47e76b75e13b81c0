namespace Lamdas.Cluster.Registry;

/// <summary>One active job as <see cref="FairShareScheduler"/> sees it.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="Team">The team that owns it.</param>
/// <param name="Weight">The team's weight recorded with the job (its newest active job's counts for the team).</param>
/// <param name="Priority">The spec's priority (higher first within the team).</param>
/// <param name="SubmittedUtc">When it was submitted (earlier first among equal priorities).</param>
/// <param name="Held">Leases it holds now.</param>
/// <param name="Started">Whether it has had a lease yet.</param>
public readonly record struct FairShareJob(
    string JobId, string Team, double Weight, int Priority, DateTimeOffset SubmittedUtc, int Held, bool Started);
