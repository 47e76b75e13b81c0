using System.Text.RegularExpressions;
using Lamdas.Deploy.Tests.Checks;
using YamlDotNet.RepresentationModel;

namespace Lamdas.Deploy.Tests;

/// <summary>
/// helm/lamdas-cluster/files/alerts.yaml, the alert rules the chart's PrometheusRule carries, and the chart's optional
/// Grafana dashboard ConfigMap.
/// </summary>
public sealed partial class AlertRuleTests
{
    private static readonly string RulesFile = Path.Combine(Repo.Chart, "files", "alerts.yaml");

    private static IReadOnlyList<YamlNode> Rules() =>
        ((YamlSequenceNode)Yaml.LoadMapping(File.ReadAllText(RulesFile)).Get("groups")!).Children
            .SelectMany(g => ((YamlSequenceNode)g.Get("rules")!).Children).ToList();

    [Fact]
    public void TheRulesAlertOnSiloDownStalledJobsFailuresAndQueueWait()
    {
        var alerts = Rules().Select(r => r.Get("alert").Text()).ToList();

        Assert.Equal(["LamdasSiloDown", "LamdasJobStalled", "LamdasShardFailureRate", "LamdasJobQueuedTooLong"], alerts);
        Assert.All(Rules(), r => Assert.Matches("^(warning|critical)$", r.Get("labels").Get("severity").Text()));
        Assert.All(Rules(), r => Assert.False(string.IsNullOrWhiteSpace(r.Get("annotations").Get("summary").Text())));
    }

    [Fact]
    public void EveryRuleReadsExportedMetricsAndLabels()
    {
        foreach (var rule in Rules())
        {
            var expression = rule.Get("expr").Text()!;
            var metrics = PromQl.MetricNames(expression);
            Assert.NotEmpty(metrics);
            Assert.All(metrics, m => Assert.True(MetricNames.IsKnown(m), $"{rule.Get("alert").Text()}: unknown metric {m}"));
            var labels = metrics.SelectMany(m => MetricNames.Labels(m) ?? []).ToHashSet(StringComparer.Ordinal);
            Assert.All(PromQl.LabelNames(expression), l => Assert.True(labels.Contains(l), $"{rule.Get("alert").Text()}: label {l} is not on {string.Join(", ", metrics)}"));
            foreach (Match used in AnnotationLabel().Matches(string.Join('\n', ((YamlMappingNode)rule.Get("annotations")!).Children.Values.Select(v => v.Text()))))
            {
                Assert.True(labels.Contains(used.Groups[1].Value), $"{rule.Get("alert").Text()}: annotation label {used.Groups[1].Value}");
            }
        }
    }

    [Fact]
    [Integration]
    public async Task PromtoolChecksTheRules()
    {
        var (code, output) = await Promtool.RunAsync("check", "rules", RulesFile);

        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS: 4 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    [Integration]
    public async Task PromtoolReportsABrokenRule()
    {
        using var temp = new TempDirectory();
        var broken = temp.Write("alerts.yaml", File.ReadAllText(RulesFile).Replace("> 0.1", "> > 0.1", StringComparison.Ordinal));

        var (code, output) = await Promtool.RunAsync("check", "rules", broken);

        Assert.NotEqual(0, code);
        Assert.Contains("FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePrometheusRuleCarriesTheRulesFileWhenEnabled()
    {
        var template = File.ReadAllText(Path.Combine(Repo.Chart, "templates", "prometheusrule.yaml"));
        var values = Yaml.LoadMapping(File.ReadAllText(Path.Combine(Repo.Chart, "values.yaml")));

        Assert.StartsWith("{{- if .Values.metrics.prometheusRule.enabled }}", template, StringComparison.Ordinal);
        Assert.Contains("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule", template, StringComparison.Ordinal);
        Assert.Contains("spec:\n  {{- .Files.Get \"files/alerts.yaml\" | nindent 2 }}", template, StringComparison.Ordinal);
        Assert.Equal("false", values.Get("metrics").Get("prometheusRule").Get("enabled").Text());
        Assert.StartsWith("groups:", File.ReadAllLines(RulesFile).First(l => !l.StartsWith('#')), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDashboardConfigMapIsLabelledForGrafanasSidecarWhenEnabled()
    {
        var template = File.ReadAllText(Path.Combine(Repo.Chart, "templates", "configmap-grafana-dashboard.yaml"));
        var values = Yaml.LoadMapping(File.ReadAllText(Path.Combine(Repo.Chart, "values.yaml")));

        Assert.StartsWith("{{- if .Values.metrics.grafanaDashboard.enabled }}", template, StringComparison.Ordinal);
        Assert.Contains("grafana_dashboard: \"1\"", template, StringComparison.Ordinal);
        Assert.Contains("{{- .Files.Get \"files/grafana/lamdas.json\" | nindent 4 }}", template, StringComparison.Ordinal);
        Assert.Equal("false", values.Get("metrics").Get("grafanaDashboard").Get("enabled").Text());
    }

    [Fact]
    public void TheServiceMonitorNamesItsJobAfterTheChartAsTheSiloDownRuleExpects()
    {
        var template = File.ReadAllText(Path.Combine(Repo.Chart, "templates", "servicemonitor.yaml"));
        var silo = Rules().Single(r => r.Get("alert").Text() == "LamdasSiloDown");

        Assert.Contains("jobLabel: app.kubernetes.io/name", template, StringComparison.Ordinal);
        Assert.Matches(new Regex(silo.Get("expr").Text()!.Split('"')[1]), "lamdas-cluster");
    }

    [GeneratedRegex(@"\$labels\.(\w+)")]
    private static partial Regex AnnotationLabel();
}
