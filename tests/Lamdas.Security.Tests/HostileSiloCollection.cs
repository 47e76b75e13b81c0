namespace Lamdas.Security.Tests;

/// <summary>The tests that attack one shared silo (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class HostileSiloCollection : ICollectionFixture<HostileSilo>
{
    public const string Name = "hostile silo";
}
