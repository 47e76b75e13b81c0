using Orleans.TestingHost;

namespace Lamdas.Cluster.Tests;

/// <summary>A three-silo test cluster whose silos <typeparamref name="TConfigurator"/> sets up.</summary>
public abstract class ThreeSiloFixture<TConfigurator> : IAsyncLifetime
    where TConfigurator : ISiloConfigurator, new()
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = new TestClusterBuilder(3).AddSiloBuilderConfigurator<TConfigurator>().Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
