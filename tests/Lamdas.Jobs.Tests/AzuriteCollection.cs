namespace Lamdas.Jobs.Tests;

/// <summary>Test classes in this collection share one Azurite emulator.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteServer>
{
    public const string Name = AzuriteServer.Collection;
}
