namespace Lamdas.Cluster.Placement;

/// <summary>
/// Places a grain on the silo named by its key (a silo address in parsable form): one scoring worker per silo,
/// on its own silo, whoever calls it first.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class SiloPinnedPlacementStrategy : PlacementStrategy
{
    public static readonly SiloPinnedPlacementStrategy Instance = new();

    public override bool IsUsingGrainDirectory => true;
}
