namespace Lamdas.Cluster;

/// <summary>Names shared by the silos and their clients.</summary>
public static class ClusterNames
{
    /// <summary>Orleans service id (all silos of one cluster share it).</summary>
    public const string ServiceId = "lamdas";

    /// <summary>Grain storage for coordinator and registry state.</summary>
    public const string Storage = "lamdas";

    /// <summary>Stream provider for job progress events.</summary>
    public const string StreamProvider = "lamdas-events";

    /// <summary>Stream namespace; the stream key is the job id.</summary>
    public const string JobEventsNamespace = "jobs";
}
