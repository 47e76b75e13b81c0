using System.Security.Cryptography;
using System.Text;
using Lamdas.Deploy.Tests.Checks;
using YamlDotNet.RepresentationModel;

namespace Lamdas.Deploy.Tests;

/// <summary>docker-compose.yml: two silos on Redis and Azurite, Prometheus and Grafana, all wired to files that exist.</summary>
public sealed class ComposeTests
{
    private static readonly string ComposePath = Repo.PathOf("docker-compose.yml");
    private static readonly YamlMappingNode Compose = Yaml.LoadMapping(File.ReadAllText(ComposePath));
    private static YamlMappingNode Services => (YamlMappingNode)Compose.Get("services")!;

    /// <summary>The silos: services whose command is <c>serve</c>, with the host their HTTP port is reached at.</summary>
    public static IReadOnlyList<(string Name, string Target, YamlNode Service)> Silos() =>
        Services.Children
            .Where(s => (s.Value.Get("command") as YamlSequenceNode)?.Children.FirstOrDefault().Text() == "serve")
            .Select(s =>
            {
                var name = s.Key.Text()!;
                var args = ((YamlSequenceNode)s.Value.Get("command")!).Children.Select(c => c.Text()!).ToList();
                var port = args.IndexOf("--http-port") is var i and >= 0 ? args[i + 1] : "8080";
                var mode = s.Value.Get("network_mode").Text();
                var host = mode is not null && mode.StartsWith("service:", StringComparison.Ordinal) ? mode["service:".Length..] : name;
                return (name, $"{host}:{port}", s.Value);
            })
            .ToList();

    [Fact]
    public void ServicesReferenceExistingFilesAndHaveHealthChecks()
    {
        Assert.Empty(ComposeChecks.Problems(ComposePath));
        foreach (var service in new[] { "azurite", "redis", "prometheus", "grafana" })
        {
            Assert.NotNull(Services.Get(service));
        }

        Assert.Equal("cli", ((YamlSequenceNode)Services.Get("lamdas")!.Get("profiles")!).Children[0].Text());
    }

    [Fact]
    public void TwoSilosClusterOverRedisWithDistinctPorts()
    {
        var silos = Silos();

        Assert.Equal(2, silos.Count);
        Assert.Equal(2, silos.Select(s => s.Target).Distinct().Count());
        foreach (var (_, _, service) in silos)
        {
            Assert.Equal("deploy/docker/Dockerfile", service.Get("build").Get("dockerfile").Text());
            Assert.Equal("redis:6379", service.Get("environment").Get("Lamdas__Silo__Redis").Text());
            Assert.Contains("BlobEndpoint=http://azurite:10000/", service.Get("environment").Get("AZURE_STORAGE_CONNECTION_STRING").Text());
            Assert.NotNull(service.Get("environment").Get("Lamdas__Teams__0__OutputPrefixes__0"));
        }

        var published = Services.Children.Values.SelectMany(s => (s.Get("ports") as YamlSequenceNode)?.Children ?? []).Select(p => p.Text()).ToList();
        Assert.Contains("8080:8080", published);
        Assert.Contains("8081:8081", published);
        Assert.Equal(["8080", "8081"], silos.Select(s => s.Target.Split(':')[1]).Order());
    }

    [Fact]
    public void DevTeamKeyHashIsTheDocumentedKeys()
    {
        var text = File.ReadAllText(ComposePath);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("lamdas-dev-key")));

        Assert.Contains("API key `lamdas-dev-key`", text);
        Assert.Contains($"${{LAMDAS_DEV_KEY_SHA256:-{hash}}}", Silos()[0].Service.Get("environment").Get("Lamdas__Teams__0__ApiKeySha256").Text());
    }

    [Fact]
    public void PrometheusScrapesEverySilosMetrics()
    {
        var prometheus = Services.Get("prometheus")!;
        Assert.Contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
            ((YamlSequenceNode)prometheus.Get("volumes")!).Children.Select(v => v.Text()));

        var config = File.ReadAllText(Repo.PathOf("deploy", "prometheus", "prometheus.yml"));

        Assert.Empty(PrometheusChecks.Problems(config, Silos().Select(s => s.Target)));
        // The series' labels (silo, lamdas_job) never clash with the target's: Prometheus' `job` stays the scrape job's.
        Assert.DoesNotContain("honor_labels", config, StringComparison.Ordinal);
        Assert.Contains("  - /etc/prometheus/alerts.yaml", config, StringComparison.Ordinal);
        Assert.Contains("./helm/lamdas-cluster/files/alerts.yaml:/etc/prometheus/alerts.yaml:ro",
            ((YamlSequenceNode)prometheus.Get("volumes")!).Children.Select(v => v.Text()));
    }

    [Fact]
    public void GrafanaIsProvisionedWithPrometheusAndTheDashboard()
    {
        var mounts = ((YamlSequenceNode)Services.Get("grafana")!.Get("volumes")!).Children.Select(v => v.Text()!.Split(':')).ToList();
        Assert.Contains(mounts, m => m[0] == "./deploy/grafana/provisioning" && m[1] == "/etc/grafana/provisioning");
        var dashboardMount = Assert.Single(mounts, m => m[0] == "./deploy/grafana/lamdas.json");

        var datasources = Yaml.LoadMapping(File.ReadAllText(Repo.PathOf("deploy", "grafana", "provisioning", "datasources", "prometheus.yml")));
        var datasource = ((YamlSequenceNode)datasources.Get("datasources")!).Children[0];
        Assert.Equal("prometheus", datasource.Get("type").Text());
        var url = new Uri(datasource.Get("url").Text()!);
        Assert.NotNull(Services.Get(url.Host));
        Assert.Equal(9090, url.Port);

        var providers = Yaml.LoadMapping(File.ReadAllText(Repo.PathOf("deploy", "grafana", "provisioning", "dashboards", "lamdas.yml")));
        var folder = ((YamlSequenceNode)providers.Get("providers")!).Children[0].Get("options").Get("path").Text();
        Assert.Equal(Path.GetDirectoryName(dashboardMount[1])!.Replace('\\', '/'), folder);
    }

    [Fact]
    public void ABrokenComposeFileIsReported()
    {
        using var temp = new TempDirectory();
        temp.Write("deploy/docker/Dockerfile", "FROM scratch\n");
        var compose = temp.Write("docker-compose.yml", """
            services:
              silo:
                build: { context: ., dockerfile: deploy/docker/Dockerfile.gpu }
                volumes: ["./deploy/prometheus/missing.yml:/etc/x.yml:ro", "undeclared:/data"]
                healthcheck: { test: ["CMD", "true"] }
              web:
                image: nginx
                depends_on: [db]
              worker:
                build: { context: ./nowhere }
                network_mode: "service:ghost"
                healthcheck: { disable: true }
            volumes:
              data:
            """);

        Assert.Equal(
        [
            "silo: Dockerfile deploy/docker/Dockerfile.gpu does not exist in .",
            "silo: bind mount source ./deploy/prometheus/missing.yml does not exist",
            "silo: volume undeclared is not declared under volumes",
            "web: depends on unknown service db",
            "web: no health check",
            "worker: build context ./nowhere does not exist",
            "worker: network_mode names unknown service service:ghost",
            "worker: no health check",
        ], ComposeChecks.Problems(compose));
    }

    [Fact]
    public void APrometheusConfigOffMetricsOrMissingASiloIsReported()
    {
        const string config = """
            scrape_configs:
              - job_name: lamdas
                metrics_path: /stats
                static_configs:
                  - targets: ["silo1:8080"]
            """;
        using var temp = new TempDirectory();
        var file = temp.Write("prometheus.yml", config);

        Assert.Equal(["lamdas: metrics_path /stats, not /metrics", "silo target silo1:8081 is not scraped"],
            PrometheusChecks.Problems(File.ReadAllText(file), ["silo1:8080", "silo1:8081"]));
    }
}
