using Lamdas.Cluster.Errors;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Lamdas.Cluster.Workers;

/// <summary>
/// Tells failures caused by the cluster (a silo that was lost, a grain re-activated elsewhere, a call that timed out
/// while membership settles) from failures caused by the work itself. The first are retried without using one of the
/// shard's attempts, so losing a silo cannot turn healthy shards into failed ones.
/// </summary>
public static class ClusterInterruptions
{
    public static bool IsInterruption(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is LeaseNotHeldException
                or SiloUnavailableException
                or OrleansMessageRejectionException
                or ConnectionFailedException
                or GatewayTooBusyException
                or InconsistentStateException
                or TimeoutException)
            {
                return true;
            }

            if (e is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                return aggregate.InnerExceptions.All(IsInterruption);
            }
        }

        return false;
    }
}
