using Lamdas.Cluster.Hosting;
using Orleans.TestingHost;

namespace Lamdas.Cluster.Tests;

/// <summary>Three silos, each with its scoring worker.</summary>
public sealed class WorkerClusterFixture : ThreeSiloFixture<WorkerClusterFixture.Configurator>
{
    public sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(ClusterNames.Storage).AddMemoryGrainStorage("PubSubStore");
            siloBuilder.AddLamdasGrains(o =>
            {
                o.FlushInterval = TimeSpan.FromMilliseconds(200);
                o.PollInterval = TimeSpan.FromMilliseconds(200);
                o.ProgressInterval = TimeSpan.FromMilliseconds(100);
                o.AggregatorPartitions = 3;
            });
        }
    }
}
