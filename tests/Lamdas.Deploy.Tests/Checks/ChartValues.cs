using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>
/// Values files for rendering helm/lamdas-cluster: the least a release needs, every optional feature switched on,
/// and the chart reading its secrets from an existing Secret. Written as JSON (which helm reads as YAML).
/// </summary>
public static class ChartValues
{
    public const string NightlyApiKey = "nightly-key-9f1c2e7a4b";
    public const string ExistingSecretName = "lamdas-secrets";

    /// <summary>The SHA-256 of a team key (any 64 lowercase hex digits pass the chart's schema).</summary>
    private const string KeyHash = "8abdb12e0888191575fcbd38b7d2e939497196cb02ddda30af53d48696978898";

    /// <summary>The names <see cref="For"/> takes.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = ["required", "every-feature", "existing-secret"];

    public static JObject For(string scenario) => scenario switch
    {
        "required" => Required(),
        "every-feature" => EveryFeature(out _),
        "existing-secret" => ExistingSecret(),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario"),
    };

    /// <summary>Writes the scenario's values to <paramref name="folder"/> and returns the file.</summary>
    public static string Write(string scenario, string folder)
    {
        var path = Path.Combine(folder, scenario + ".values.json");
        File.WriteAllText(path, For(scenario).ToString(Formatting.Indented));
        return path;
    }

    /// <summary>What the chart refuses to render without: the Redis connection and one team.</summary>
    public static JObject Required() => new()
    {
        ["redis"] = new JObject { ["connection"] = "redis-master:6379,password=r3dis" },
        ["teams"] = new JArray(Team("research", KeyHash)),
    };

    /// <summary>
    /// values.yaml with every <c>enabled: false</c> switched on, whatever it guards (so a feature added behind such a
    /// flag is rendered and checked too), and every optional setting given a value.
    /// </summary>
    public static JObject EveryFeature(out IReadOnlyList<string> enabledFlags)
    {
        var values = (JObject)Yaml.ToJson(Yaml.Load(File.ReadAllText(Path.Combine(Repo.Chart, "values.yaml"))));
        var flags = new List<string>();
        foreach (var flag in values.Descendants().OfType<JProperty>().Where(p => p.Name == "enabled" && p.Value.Type == JTokenType.Boolean && !(bool)p.Value!).ToList())
        {
            flag.Value = true;
            flags.Add(flag.Path);
        }

        enabledFlags = flags;
        values.Merge(Required(), new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace });
        values.Merge(JObject.Parse($$"""
            {
              "image": { "tag": "1.2.3" },
              "imagePullSecrets": [{ "name": "registry" }],
              "silo": {
                "scoreStore": "az://lamdas/score-store",
                "threads": 8,
                "podAnnotations": { "example.com/owner": "data-team" },
                "podLabels": { "example.com/tier": "scoring" },
                "nodeSelector": { "kubernetes.io/os": "linux" },
                "tolerations": [{ "key": "dedicated", "operator": "Equal", "value": "lamdas", "effect": "NoSchedule" }],
                "affinity": {
                  "podAntiAffinity": {
                    "preferredDuringSchedulingIgnoredDuringExecution": [{
                      "weight": 100,
                      "podAffinityTerm": { "topologyKey": "kubernetes.io/hostname", "labelSelector": { "matchLabels": { "app.kubernetes.io/component": "silo" } } }
                    }]
                  }
                },
                "extraEnv": [{ "name": "Lamdas__Cluster__MaxAttempts", "value": "5" }]
              },
              "gpu": { "runtimeClassName": "nvidia", "nodeSelector": { "nvidia.com/gpu.present": "true" } },
              "storage": { "connectionString": "DefaultEndpointsProtocol=https;AccountName=corpora;AccountKey=a2V5;EndpointSuffix=core.windows.net" },
              "teams": [
                {{Team("research", KeyHash)}},
                { "name": "vision", "apiKeySha256": "{{KeyHash.Replace('8', '9')}}", "inputPrefixes": ["az://corpora/vision/"], "outputPrefixes": ["az://selections/vision/"],
                  "weight": 2, "maxActiveJobs": 3, "maxQueuedShards": 500 }
              ],
              "otel": { "endpoint": "http://otel-collector:4317" },
              "service": { "annotations": { "example.com/scrape": "false" } },
              "serviceAccount": { "annotations": { "azure.workload.identity/client-id": "00000000-0000-0000-0000-000000000000" } },
              "limits": { "MaxBatchTokens": 131072 },
              "metrics": { "perJob": true, "serviceMonitor": { "labels": { "release": "prometheus" } } },
              "nightlyJob": { "apiKey": "{{NightlyApiKey}}", "timeZone": "Europe/Berlin", "activeDeadlineSeconds": 7200 }
            }
            """), new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace });
        return values;
    }

    /// <summary>Secrets from an existing Secret: no connection strings or key hashes in the values, the nightly job on.</summary>
    public static JObject ExistingSecret() => new()
    {
        ["existingSecret"] = ExistingSecretName,
        ["teams"] = new JArray(new JObject
        {
            ["name"] = "research",
            ["inputPrefixes"] = new JArray("az://corpora/research/"),
            ["outputPrefixes"] = new JArray("az://selections/research/"),
        }),
        ["nightlyJob"] = new JObject { ["enabled"] = true },
    };

    private static JObject Team(string name, string keyHash) => new()
    {
        ["name"] = name,
        ["apiKeySha256"] = keyHash,
        ["inputPrefixes"] = new JArray($"az://corpora/{name}/", "az://models/", "az://prefixes/"),
        ["outputPrefixes"] = new JArray($"az://selections/{name}/"),
    };
}
