using System.Text.Json.Nodes;
using Lamdas.Deploy.Tests.Checks;

namespace Lamdas.Deploy.Tests;

/// <summary>deploy/grafana/lamdas.json: a Grafana dashboard whose every query reads metrics the silos export.</summary>
public sealed class DashboardTests
{
    private static readonly string Json = File.ReadAllText(Repo.PathOf("deploy", "grafana", "lamdas.json"));

    [Fact]
    public void DashboardIsValidAndQueriesOnlyExportedMetrics()
    {
        Assert.Empty(DashboardChecks.Problems(Json));
    }

    [Fact]
    public void DashboardHasThePanelsOfTheCluster()
    {
        var expressions = DashboardChecks.Expressions(JsonNode.Parse(Json)!).ToList();

        Assert.Contains("sum(rate(lamdas_tokens_scored_total{silo=~\"$silo\"}[1m]))", expressions);
        Assert.Contains("sum by (silo) (rate(lamdas_tokens_scored_total{silo=~\"$silo\"}[1m]))", expressions);
        Assert.Contains("max by (lamdas_job) (lamdas_job_progress_ratio{lamdas_job=~\"$lamdas_job\"})", expressions);
        Assert.Contains(expressions, e => e.Contains("lamdas_job_documents_selected_total", StringComparison.Ordinal) && e.Contains("/ sum by (lamdas_job) (lamdas_job_documents_scored_total", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("lamdas_job_documents_quarantined_total", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("lamdas_shards_failed_total", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.StartsWith("histogram_quantile(0.5,", StringComparison.Ordinal) && e.Contains("lamdas_shard_duration_seconds_bucket", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.StartsWith("histogram_quantile(0.95,", StringComparison.Ordinal) && e.Contains("lamdas_shard_duration_seconds_bucket", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("lamdas_batch_latency_seconds_bucket", StringComparison.Ordinal));

        // In-shard progress per job (between shard completions) and the prefix training.
        Assert.Contains("sum by (lamdas_job) (rate(lamdas_job_documents_scored_total{lamdas_job=~\"$lamdas_job\", silo=~\"$silo\"}[1m]))", expressions);
        Assert.Contains("sum by (lamdas_job) (rate(lamdas_job_tokens_scored_total{lamdas_job=~\"$lamdas_job\", silo=~\"$silo\"}[1m]))", expressions);
        Assert.Contains("max by (lamdas_job) (lamdas_prefix_training_loss{lamdas_job=~\"$lamdas_job\"})", expressions);
        Assert.Contains("max by (lamdas_job) (lamdas_prefix_training_epoch{lamdas_job=~\"$lamdas_job\"})", expressions);

        // No query reads the selection job id from Prometheus' own `job` label any more.
        Assert.DoesNotContain(expressions, e => PromQl.LabelNames(e).Contains("job"));
    }

    [Fact]
    public void DashboardFiltersByJobAndSilo()
    {
        var variables = JsonNode.Parse(Json)!["templating"]!["list"]!.AsArray().Select(v => v!.AsObject()).ToList();

        var job = Assert.Single(variables, v => v["name"]!.GetValue<string>() == "lamdas_job");
        Assert.Equal("label_values(lamdas_job_progress_ratio, lamdas_job)", job["query"]!["query"]!.GetValue<string>());
        Assert.True(job["multi"]!.GetValue<bool>() && job["includeAll"]!.GetValue<bool>());
        var silo = Assert.Single(variables, v => v["name"]!.GetValue<string>() == "silo");
        Assert.Equal("label_values(lamdas_tokens_scored_total, silo)", silo["query"]!["query"]!.GetValue<string>());
    }

    [Fact]
    public void TheChartCarriesTheSameDashboard()
    {
        Assert.Equal(Json, File.ReadAllText(Path.Combine(Repo.Chart, "files", "grafana", "lamdas.json")));
    }

    [Theory]
    [InlineData("sum(rate(lamdas_tokens_scored_total[1m]))", new[] { "lamdas_tokens_scored_total" })]
    [InlineData("histogram_quantile(0.95, sum by (le, silo) (rate(lamdas_batch_latency_seconds_bucket{job=~\"$job\"}[5m])))", new[] { "lamdas_batch_latency_seconds_bucket" })]
    [InlineData("sum by (job) (rate(a_total[5m])) / on(job) group_left sum without (instance) (rate(b_total[$__rate_interval]))", new[] { "a_total", "b_total" })]
    [InlineData("orleans_grains{type=\"x\"} > 1e3 and bool up", new[] { "orleans_grains", "up" })]
    public void PromQlMetricNamesAreFound(string expression, string[] expected)
    {
        Assert.Equal(expected, PromQl.MetricNames(expression));
    }

    [Theory]
    [InlineData("sum(rate(lamdas_tokens_scored_total[1m]))", new string[0])]
    [InlineData("max by (lamdas_job) (lamdas_job_progress_ratio{lamdas_job=~\"$lamdas_job\"})", new[] { "lamdas_job" })]
    [InlineData("sum by (le, silo) (rate(x_bucket{silo!=\"a\", kind=\"b=c\"}[5m])) / on(silo) group_left (zone) y", new[] { "le", "silo", "zone", "kind" })]
    public void PromQlLabelNamesAreFound(string expression, string[] expected)
    {
        Assert.Equal(expected, PromQl.LabelNames(expression));
    }

    [Fact]
    public void ABrokenDashboardIsReported()
    {
        var broken = JsonNode.Parse(Json)!;
        broken["schemaVersion"] = 27;
        broken["panels"]![0]!["targets"]![0]!["expr"] = "sum(rate(lamdas_tokens_total[1m]))";
        broken["panels"]![1]!["targets"] = new JsonArray();
        broken["panels"]![6]!["targets"]![0]!["expr"] = "max by (job) (lamdas_job_progress_ratio)";
        broken["panels"]![7]!["targets"]![0]!["legendFormat"] = "{{job}}";
        broken["templating"]!["list"]![2]!["query"]!["query"] = "label_values(lamdas_tokens_scored_total, pod)";
        using var temp = new TempDirectory();
        var file = temp.Write("lamdas.json", broken.ToJsonString());

        var problems = DashboardChecks.Problems(File.ReadAllText(file));

        Assert.Equal(
        [
            "schemaVersion below 36",
            "panel 'Cluster tokens/s': unknown metric lamdas_tokens_total",
            "panel 'Documents scored/s': no query",
            "panel 'Job progress': label job is not on lamdas_job_progress_ratio",
            "panel 'Documents/s per job': label job is not on lamdas_job_documents_scored_total",
            "variable 'silo': label pod is not on lamdas_tokens_scored_total",
        ], problems);
        Assert.StartsWith("not JSON: ", Assert.Single(DashboardChecks.Problems("{\"panels\": [1 }")));
    }
}
