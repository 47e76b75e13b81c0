using System.Text.RegularExpressions;
using Lamdas.Deploy.Tests.Checks;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace Lamdas.Deploy.Tests;

/// <summary>
/// helm/lamdas-cluster through the real helm (lint --strict, template) and every rendered object against the
/// Kubernetes API's schemas (npm kubernetes-models, strict about unknown fields). Custom resources (the Prometheus
/// Operator's kinds) are checked for apiVersion, kind and metadata only.
/// </summary>
[Integration]
public sealed partial class HelmTemplateTests(ITestOutputHelper output)
{
    /// <summary>Custom resources the chart may render, which kubernetes-models has no schema for.</summary>
    private static readonly HashSet<string> CustomResources = ["monitoring.coreos.com/v1 ServiceMonitor", "monitoring.coreos.com/v1 PrometheusRule", "monitoring.coreos.com/v1 PodMonitor"];

    public static TheoryData<string> Scenarios
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var scenario in ChartValues.Scenarios)
            {
                data.Add(scenario);
            }

            return data;
        }
    }

    [Fact]
    public void TheDefaultsAloneAreRefusedNamingTheMissingValue()
    {
        var run = Helm.Template();

        Assert.True(run.ExitCode != 0, "helm template rendered the chart without redis.connection and teams\n" + run.Describe());
        Assert.Contains("redis.connection (or existingSecret with key redis-connection) is required", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void LintStrictPasses(string scenario)
    {
        using var temp = new TempDirectory();

        var run = Helm.Lint(ChartValues.Write(scenario, temp.Path)).AssertSuccess();

        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("[WARNING]", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERROR]", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryRenderedObjectMatchesTheKubernetesSchemas(string scenario)
    {
        using var temp = new TempDirectory();
        var rendered = Render(scenario, temp);

        var results = KubernetesSchemas.Validate(rendered.File);
        foreach (var result in results)
        {
            output.WriteLine(result.ToString());
        }

        Assert.Equal(rendered.Objects.Count, results.Count);
        Assert.Contains(results, r => r.Kind == "StatefulSet");
        var invalid = results.Where(r => r.Status == "invalid").ToList();
        Assert.True(invalid.Count == 0, "objects the Kubernetes API would refuse:\n" + string.Join("\n", invalid));
        var unknown = results.Where(r => r.Status == "unknown-kind" && !CustomResources.Contains($"{r.ApiVersion} {r.Kind}")).ToList();
        Assert.True(unknown.Count == 0, "kinds neither Kubernetes nor a known custom resource:\n" + string.Join("\n", unknown));

        foreach (var obj in rendered.Objects)
        {
            var kind = obj.Get("kind").Text();
            var name = obj.Get("metadata").Get("name").Text() ?? "";
            Assert.True(DnsSubdomain().IsMatch(name) && name.Length <= 253, $"{kind} name '{name}' is not a DNS subdomain");
            // Services and the StatefulSet's pods carry the name in DNS labels; a CronJob appends 11 characters to its Jobs' names.
            var limit = kind switch { "Service" or "StatefulSet" => 63, "CronJob" => 52, _ => 253 };
            Assert.True(name.Length <= limit, $"{kind} name '{name}' is longer than {limit} characters");
            if (CustomResources.Contains($"{obj.Get("apiVersion").Text()} {kind}"))
            {
                Assert.IsType<YamlMappingNode>(obj.Get("spec"));
                Assert.NotNull(obj.Get("metadata").Get("labels"));
            }
        }
    }

    [Fact]
    public void EveryFeatureSwitchesOnEveryFlagAndRendersEveryTemplate()
    {
        using var temp = new TempDirectory();
        ChartValues.EveryFeature(out var flags);
        var rendered = Render("every-feature", temp);

        output.WriteLine("switched on: " + string.Join(", ", flags));
        Assert.Contains("metrics.serviceMonitor.enabled", flags);
        Assert.Contains("nightlyJob.enabled", flags);
        Assert.Contains("gpu.enabled", flags);

        // A template behind a flag that is not an `enabled: false` (or a value ChartValues sets) renders nothing here.
        var sources = SourceComment().Matches(rendered.Text).Select(m => m.Groups[1].Value).ToHashSet();
        var templates = Directory.GetFiles(Path.Combine(Repo.Chart, "templates"), "*.yaml").Select(Path.GetFileName).ToList();
        Assert.NotEmpty(templates);
        Assert.All(templates, t => Assert.True(sources.Contains(t!), $"templates/{t} renders nothing with every feature on: switch its feature on in ChartValues.EveryFeature"));

        var kinds = rendered.Objects.Select(o => o.Get("kind").Text()).ToList();
        Assert.Contains("ServiceMonitor", kinds);
        Assert.Contains("CronJob", kinds);
        Assert.Contains("PodDisruptionBudget", kinds);
    }

    [Theory]
    [InlineData("every-feature", "8")]
    [InlineData("existing-secret", "0")]
    public void TheSilosThreadCountReachesTheWorker(string scenario, string expected)
    {
        using var temp = new TempDirectory();
        var rendered = Render(scenario, temp);

        var silo = Assert.Single(rendered.Objects, o => o.Get("kind").Text() == "StatefulSet");
        var container = ((YamlSequenceNode)silo.Get("spec").Get("template").Get("spec").Get("containers")!).Children[0];
        var env = Assert.Single(((YamlSequenceNode)container.Get("env")!).Children, e => e.Get("name").Text() == "Lamdas__Cluster__Threads");
        Assert.Equal(expected, env.Get("value").Text());
    }

    [Theory]
    [InlineData("every-feature", "lamdas-lamdas-cluster")]
    [InlineData("existing-secret", ChartValues.ExistingSecretName)]
    public void TheNightlyJobTakesItsKeyFromTheSecretNotFromTheCommandLine(string scenario, string secretName)
    {
        using var temp = new TempDirectory();
        var rendered = Render(scenario, temp);

        var cron = Assert.Single(rendered.Objects, o => o.Get("kind").Text() == "CronJob");
        var pod = cron.Get("spec").Get("jobTemplate").Get("spec").Get("template").Get("spec");
        var containers = ((YamlSequenceNode)pod.Get("containers")!).Children
            .Concat(pod.Get("initContainers") is YamlSequenceNode init ? init.Children : Enumerable.Empty<YamlNode>()).ToList();
        Assert.NotEmpty(containers);
        foreach (var container in containers)
        {
            var commandLine = new[] { "command", "args" }.SelectMany(field => container.Get(field) is YamlSequenceNode list ? list.Children.Select(c => c.Text() ?? "") : Enumerable.Empty<string>()).ToList();
            Assert.NotEmpty(commandLine);
            Assert.DoesNotContain(commandLine, a => a.Contains("api-key", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(commandLine, a => a.Contains("LAMDAS_API_KEY", StringComparison.Ordinal));
            Assert.DoesNotContain(commandLine, a => a.Contains(ChartValues.NightlyApiKey, StringComparison.Ordinal));
        }

        var submit = Assert.Single(containers, c => c.Get("args") is YamlSequenceNode args && args.Children.FirstOrDefault().Text() == "submit");
        var env = Assert.Single(((YamlSequenceNode)submit.Get("env")!).Children, e => e.Get("name").Text() == "LAMDAS_API_KEY");
        Assert.Null(env.Get("value"));
        var reference = env.Get("valueFrom").Get("secretKeyRef");
        Assert.Equal(secretName, reference.Get("name").Text());
        Assert.Equal("nightly-api-key", reference.Get("key").Text());

        var secrets = rendered.Objects.Where(o => o.Get("kind").Text() == "Secret").ToList();
        if (scenario == "existing-secret")
        {
            Assert.Empty(secrets);
            return;
        }

        var secret = Assert.Single(secrets);
        Assert.Equal(secretName, secret.Get("metadata").Get("name").Text());
        Assert.Equal(ChartValues.NightlyApiKey, secret.Get("stringData").Get("nightly-api-key").Text());
        var elsewhere = rendered.Objects.Where(o => o != secret && Yaml.ToJson(o).ToString().Contains(ChartValues.NightlyApiKey, StringComparison.Ordinal));
        Assert.Empty(elsewhere.Select(o => o.Get("kind").Text()));
    }

    private sealed record Rendered(string File, string Text, IReadOnlyList<YamlNode> Objects);

    private Rendered Render(string scenario, TempDirectory temp)
    {
        var values = ChartValues.Write(scenario, temp.Path);
        var run = Helm.Template(values).AssertSuccess();
        var file = temp.Write(scenario + ".rendered.yaml", run.Stdout);
        output.WriteLine($"helm template ({scenario}): {run.Stdout.Length} characters in {run.Elapsed.TotalSeconds:F1} s");
        return new Rendered(file, run.Stdout, Yaml.LoadAll(run.Stdout));
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex(@"^# Source: [^/]+/templates/(\S+)$", RegexOptions.Multiline)]
    private static partial Regex SourceComment();
}
