using System.Text.RegularExpressions;
using Lamdas.Deploy.Tests.Checks;

namespace Lamdas.Deploy.Tests;

/// <summary>Chart.yaml, values.yaml and the templates of helm/lamdas-cluster (helm itself does not run here).</summary>
public sealed partial class ChartTests
{
    private static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Repo.Chart, .. parts]));

    private static string Templates => string.Join("\n", Directory.GetFiles(Path.Combine(Repo.Chart, "templates")).Order().Select(File.ReadAllText));

    [Fact]
    public void ChartYamlHasTheRequiredFields()
    {
        var chart = Yaml.LoadMapping(Read("Chart.yaml"));

        Assert.Equal("v2", chart.Get("apiVersion").Text());
        Assert.Equal("lamdas-cluster", chart.Get("name").Text());
        Assert.Equal(Path.GetFileName(Repo.Chart), chart.Get("name").Text());
        Assert.Matches(SemVer(), chart.Get("version").Text());
        Assert.False(string.IsNullOrWhiteSpace(chart.Get("appVersion").Text()));
        Assert.Equal("application", chart.Get("type").Text());
        Assert.False(string.IsNullOrWhiteSpace(chart.Get("description").Text()));
    }

    [Fact]
    public void ValuesYamlParsesWithTheDocumentedSections()
    {
        var values = Yaml.LoadMapping(Read("values.yaml"));

        foreach (var section in new[] { "image", "silo", "gpu", "redis", "storage", "teams", "service", "podDisruptionBudget", "serviceAccount", "rbac", "metrics", "nightlyJob" })
        {
            Assert.NotNull(values.Get(section));
        }

        Assert.Equal("60", values.Get("silo")!.Get("terminationGracePeriodSeconds").Text());
        Assert.Equal("nvidia.com/gpu", values.Get("gpu")!.Get("resourceName").Text());
        var spec = Yaml.LoadMapping(values.Get("nightlyJob")!.Get("spec").Text()!);
        Assert.NotNull(spec.Get("input"));
        Assert.NotNull(spec.Get("output"));

        // The nightly job reads last night's passes back from a score store; a cascade would refit its first stage on
        // each night's corpus and miss the store (docs/operations.md, "Incremental nightly runs").
        Assert.StartsWith("az://", spec.Get("cache")!.Text(), StringComparison.Ordinal);
        Assert.Equal("false", spec.Get("cascade")!.Text());
    }

    [Fact]
    public void TheSilosScoreStoreIsOffByDefaultAndReachesTheWorkerWhenSet()
    {
        var values = Yaml.LoadMapping(Read("values.yaml"));
        Assert.Equal("", values.Get("silo")!.Get("scoreStore").Text());
        Assert.Matches(@"\{\{- if \.Values\.silo\.scoreStore \}\}\s+- name: Lamdas__Cluster__ScoreStore\s+value: \{\{ \.Values\.silo\.scoreStore \| quote \}\}",
            Read("templates", "statefulset.yaml"));
    }

    [Fact]
    public void TemplatesCreateEveryResourceOfTheChart()
    {
        var kinds = KindLine().Matches(Templates).Select(m => m.Groups[1].Value).ToList();

        foreach (var kind in new[] { "StatefulSet", "Service", "PodDisruptionBudget", "ServiceAccount", "Role", "RoleBinding", "Secret", "ConfigMap", "ServiceMonitor", "PrometheusRule", "CronJob" })
        {
            Assert.Contains(kind, kinds);
        }

        Assert.Equal(2, kinds.Count(k => k == "Service"));
        Assert.True(File.Exists(Path.Combine(Repo.Chart, "templates", "_helpers.tpl")));
        Assert.True(File.Exists(Path.Combine(Repo.Chart, "templates", "NOTES.txt")));
        Assert.Contains("apiVersion: monitoring.coreos.com/v1", Read("templates", "servicemonitor.yaml"));
        Assert.StartsWith("{{- if .Values.metrics.serviceMonitor.enabled }}", Read("templates", "servicemonitor.yaml"));
        Assert.Contains("clusterIP: None", Read("templates", "service-headless.yaml"));
    }

    [Fact]
    public void SiloPodsCarryOrleansKubernetesHosting()
    {
        var silo = Read("templates", "statefulset.yaml");

        Assert.Contains("orleans/serviceId: lamdas", silo);
        Assert.Contains("orleans/clusterId: {{ .Values.silo.clusterId | quote }}", silo);
        foreach (var (variable, field) in new[] { ("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace"), ("POD_IP", "status.podIP") })
        {
            Assert.Matches($@"- name: {variable}\s+valueFrom:\s+fieldRef:\s+fieldPath: {Regex.Escape(field)}", silo);
        }

        Assert.Contains("name: Lamdas__Silo__Kubernetes\n              value: \"true\"", silo);
        Assert.Contains("terminationGracePeriodSeconds: {{ .Values.silo.terminationGracePeriodSeconds }}", silo);
        Assert.Equal(3, Regex.Count(silo, @"httpGet:\s+path: /healthz"));
        Assert.Contains("preStop:", silo);
        Assert.Contains("set $limits .Values.gpu.resourceName", silo);
        Assert.Contains("nodeSelector:", silo);
        Assert.Contains("tolerations:", silo);
        Assert.Contains("affinity:", silo);
    }

    [Fact]
    public void SiloDTypeDefaultsToAutoAndReachesTheWorkerNextToTheDevice()
    {
        var values = Yaml.LoadMapping(Read("values.yaml"));
        var silo = Read("templates", "statefulset.yaml");

        Assert.Equal("auto", values.Get("silo")!.Get("dtype").Text());
        Assert.Matches(@"- name: Lamdas__Cluster__Device\s+value: \{\{ include ""lamdas.device"" \. \| quote \}\}\s+- name: Lamdas__Cluster__DType\s+value: \{\{ \.Values\.silo\.dtype \| quote \}\}", silo);
    }

    [Fact]
    public void RoleLetsOrleansHostingManageThePods()
    {
        var rbac = Read("templates", "rbac.yaml");

        Assert.Contains("resources: [\"pods\"]", rbac);
        Assert.Contains("verbs: [\"get\", \"list\", \"watch\", \"delete\"]", rbac);
        Assert.Contains("kind: RoleBinding", rbac);
    }

    [Fact]
    public void NightlyCronJobSubmitsTheSpecAndWaits()
    {
        var cron = Read("templates", "cronjob-nightly.yaml");

        Assert.Contains("schedule: {{ .Values.nightlyJob.schedule | quote }}", cron);
        Assert.Matches(@"- submit\s+- /config/job.yaml\s+- --server\s+- \{\{ include ""lamdas.apiUrl"" \. \| quote \}\}\s+- --wait", cron);
        Assert.Matches(@"- name: LAMDAS_API_KEY\s+valueFrom:\s+secretKeyRef:\s+name: \{\{ include ""lamdas.secretName"" \. \}\}\s+key: nightly-api-key", cron);
        Assert.DoesNotContain("--api-key", cron, StringComparison.Ordinal);
        Assert.DoesNotContain("$(LAMDAS_API_KEY)", cron, StringComparison.Ordinal);
        Assert.Contains("mountPath: /config", cron);
        Assert.Contains("job.yaml: |", Read("templates", "configmap-nightly-job.yaml"));
    }

    [Fact]
    public void ReadmeDocumentsEveryValue()
    {
        var readme = Read("README.md");
        var tableKeys = TableKey().Matches(readme).Select(m => m.Groups[1].Value).ToHashSet();

        var undocumented = ValuesPaths.Of(Read("values.yaml"))
            .Where(path => !tableKeys.Any(key => path == key || path.StartsWith(key + ".", StringComparison.Ordinal) || key.StartsWith(path + ".", StringComparison.Ordinal)))
            .ToList();

        Assert.True(undocumented.Count == 0, "not in README.md: " + string.Join(", ", undocumented));
        Assert.Contains("helm install", readme);
        Assert.Contains("## Nightly job", readme);
        Assert.Contains("## GPU nodes", readme);
    }

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();

    [GeneratedRegex(@"^kind: (\w+)", RegexOptions.Multiline)]
    private static partial Regex KindLine();

    [GeneratedRegex(@"^\| ([A-Za-z0-9_.]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableKey();
}
