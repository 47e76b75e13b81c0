using Orleans.Placement;

namespace Lamdas.Cluster.Placement;

/// <summary>Marks a grain class for <see cref="SiloPinnedPlacementStrategy"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(SiloPinnedPlacementStrategy.Instance);
