using Lamdas.Cluster.Hosting;
using Orleans.TestingHost;

namespace Lamdas.Cluster.Tests;

/// <summary>Three silos without scoring workers: the tests play the workers through the grain interfaces.</summary>
public sealed class ProtocolClusterFixture : ThreeSiloFixture<ProtocolClusterFixture.Configurator>
{
    public sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(ClusterNames.Storage).AddMemoryGrainStorage("PubSubStore");
            siloBuilder.AddLamdasGrains(o =>
            {
                o.Worker = false;
                o.LeaseDuration = TimeSpan.FromSeconds(4);
                o.MaxAttempts = 2;
                o.MaxInterruptions = 2;
                o.FlushInterval = TimeSpan.FromMilliseconds(100);
            });
        }
    }
}
