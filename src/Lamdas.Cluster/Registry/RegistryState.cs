using Lamdas.Cluster.Messages;

namespace Lamdas.Cluster.Registry;

/// <summary>The registry's persisted list of jobs.</summary>
[GenerateSerializer]
public sealed class RegistryState
{
    [Id(0)]
    public List<JobEntry> Jobs { get; set; } = [];
}
