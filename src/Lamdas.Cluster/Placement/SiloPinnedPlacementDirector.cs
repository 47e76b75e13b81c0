using Orleans.Runtime.Placement;

namespace Lamdas.Cluster.Placement;

/// <summary>Resolves <see cref="SiloPinnedPlacementStrategy"/>: the silo whose address is the grain's key, if it is alive.</summary>
public sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = target.GrainIdentity.Key.ToString();
        SiloAddress wanted;
        try
        {
            wanted = SiloAddress.FromParsableString(key);
        }
        catch (FormatException e)
        {
            throw new OrleansException($"grain {target.GrainIdentity} is silo-pinned but its key '{key}' is not a silo address", e);
        }

        if (!context.GetCompatibleSilos(target).Contains(wanted))
        {
            throw new OrleansException($"grain {target.GrainIdentity} is pinned to silo {wanted}, which is not an active member of the cluster");
        }

        return Task.FromResult(wanted);
    }
}
