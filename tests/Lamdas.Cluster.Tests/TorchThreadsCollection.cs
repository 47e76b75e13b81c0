namespace Lamdas.Cluster.Tests;

/// <summary>
/// Test classes that run jobs in this process and compare their score-store entries or outputs across runs. libtorch's
/// thread count is process-wide and is part of a pass's store key (it can change a sum's order); a job whose spec sets
/// <c>threads</c> changes it for every job scored afterwards in the process. These classes therefore do not run beside
/// each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchThreadsCollection
{
    public const string Name = "Torch threads";
}
