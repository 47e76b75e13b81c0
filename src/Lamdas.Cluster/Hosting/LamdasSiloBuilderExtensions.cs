using System.Net;
using Lamdas.Cluster.Placement;
using Lamdas.Cluster.Workers;
using Lamdas.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Lamdas.Cluster.Hosting;

/// <summary>Configures a silo of the Lamdas cluster: membership, grain state, streams, the worker and its placement.</summary>
public static class LamdasSiloBuilderExtensions
{
    public static ISiloBuilder AddLamdasCluster(this ISiloBuilder silo, SiloHostingOptions hosting, Action<LamdasClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(hosting);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = hosting.ClusterId;
            o.ServiceId = ClusterNames.ServiceId;
        });

        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = hosting.ProbeTimeout;
            o.TableRefreshTimeout = hosting.ProbeTimeout;
            o.IAmAliveTablePublishTimeout = hosting.ProbeTimeout * 3;
        });

        if (hosting.Kubernetes)
        {
            silo.UseKubernetesHosting();
        }

        if (hosting.Redis is { } redis)
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            silo.AddRedisGrainStorage(ClusterNames.Storage, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            silo.AddRedisGrainStorage("PubSubStore", o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            if (!hosting.Kubernetes)
            {
                var advertised = hosting.AdvertisedAddress is { } address ? IPAddress.Parse(address) : IPAddress.Loopback;
                silo.ConfigureEndpoints(advertised, hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: hosting.AdvertisedAddress is not null);
            }
        }
        else
        {
            var primary = hosting.PrimarySilo is { } p ? IPEndPoint.Parse(p) : null;
            silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort, primary, ClusterNames.ServiceId, hosting.ClusterId);
            silo.AddMemoryGrainStorage(ClusterNames.Storage);
            silo.AddMemoryGrainStorage("PubSubStore");
        }

        return silo.AddLamdasGrains(configure);
    }

    /// <summary>
    /// The grains' services on a silo whose membership and grain storage (<see cref="ClusterNames.Storage"/> and
    /// <c>PubSubStore</c>) are configured elsewhere (test clusters, custom hosts).
    /// </summary>
    public static ISiloBuilder AddLamdasGrains(this ISiloBuilder silo, Action<LamdasClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddMemoryStreams(ClusterNames.StreamProvider);
        silo.AddActivityPropagation();
        silo.Services.AddOptions<LamdasClusterOptions>()
            .Configure(o => configure?.Invoke(o))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<IObjectStore>(_ => new ObjectStore());
        silo.Services.AddSingleton<WorkerRuntime>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WorkerLifecycle>();
        silo.Services.AddPlacementDirector<SiloPinnedPlacementStrategy, SiloPinnedPlacementDirector>();
        return silo;
    }
}
