namespace Lamdas.Cluster.Errors;

/// <summary>
/// A grain no longer knows the lease it was called with: the grain was re-activated after its silo was lost, or the
/// lease was superseded. The work is interrupted, not faulty, so the shard is retried without using an attempt.
/// </summary>
[GenerateSerializer]
public sealed class LeaseNotHeldException : Exception
{
    public LeaseNotHeldException()
    {
    }

    public LeaseNotHeldException(string message)
        : base(message)
    {
    }

    public LeaseNotHeldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
