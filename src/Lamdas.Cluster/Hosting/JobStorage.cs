using Lamdas.Cluster.Messages;
using Lamdas.Storage;

namespace Lamdas.Cluster.Hosting;

/// <summary>The silo's store as one job may use it: confined to the job's <see cref="StorageScope"/> (a team's prefixes).</summary>
public static class JobStorage
{
    /// <summary><paramref name="store"/> confined to <paramref name="scope"/>; unconfined for a local run (null scope).</summary>
    public static IObjectStore For(IObjectStore store, StorageScope? scope)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (scope is null)
        {
            return store;
        }

        return store.ConfinedTo(new StorageGrant(scope.Read, scope.Write));
    }
}
