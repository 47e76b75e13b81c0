using Lamdas.Cluster.Messages;

namespace Lamdas.Cluster.Coordination;

/// <summary>The lease of a job-level task (prepare or finalize): one at a time per job, held in memory only.</summary>
internal sealed record JobTaskLease(string LeaseId, LeaseKind Kind, string Worker, DateTimeOffset Expires);
