using System.ComponentModel.DataAnnotations;

namespace Lamdas.Cluster.Hosting;

/// <summary>How a silo joins its cluster (configuration section <c>Lamdas:Silo</c>; <c>lamdas serve</c> options override).</summary>
public sealed class SiloHostingOptions
{
    public const string Section = "Lamdas:Silo";

    /// <summary>Redis connection for clustering and grain state (StackExchange.Redis syntax); none: one-machine development clustering and in-memory state.</summary>
    public string? Redis { get; set; }

    /// <summary>Orleans cluster id (silos with the same id and Redis form one cluster).</summary>
    [Required]
    public string ClusterId { get; set; } = "lamdas";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The IP address other silos reach this one at (with Redis, outside Kubernetes); none: loopback, one machine.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>The primary silo's endpoint for development clustering without Redis (host:port); none: this silo.</summary>
    public string? PrimarySilo { get; set; }

    /// <summary>Use Kubernetes hosting (pod name, namespace and cluster membership from the Kubernetes API).</summary>
    public bool Kubernetes { get; set; }

    /// <summary>How long a membership probe may take before it counts as missed (failure detection takes about three).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:05:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The options as they are logged: secrets in the Redis connection (password=…) are redacted.</summary>
    public string Describe() =>
        $"cluster {ClusterId}, silo port {SiloPort}, gateway port {GatewayPort}, " +
        (Redis is null ? "development clustering, in-memory state" : $"redis {Redact(Redis)}") +
        (Kubernetes ? ", kubernetes hosting" : "") + $", probe timeout {ProbeTimeout.TotalSeconds:F1}s";

    public static string Redact(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return string.Join(',', connection.Split(',').Select(part =>
            part.TrimStart().StartsWith("password=", StringComparison.OrdinalIgnoreCase) ? "password=***" : part));
    }
}
