namespace Lamdas.Storage;

/// <summary>Confinement for any <see cref="IObjectStore"/> a host registered.</summary>
public static class ObjectStoreExtensions
{
    /// <summary>
    /// <paramref name="store"/> confined to <paramref name="grant"/> (see <see cref="ObjectStore.Confine"/>). Only the
    /// product's <see cref="ObjectStore"/> can be confined: any other store is refused rather than used unconfined.
    /// </summary>
    public static IObjectStore ConfinedTo(this IObjectStore store, StorageGrant grant)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store is ObjectStore routed
            ? routed.Confine(grant)
            : throw new InvalidOperationException($"{store.GetType().Name} cannot be confined to a team's prefixes; register an {nameof(ObjectStore)}");
    }
}
