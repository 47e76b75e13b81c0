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

        Assert.Contains("sum(rate(lamdas_tokens_scored_total[1m]))", expressions);
        Assert.Contains("sum by (silo) (rate(lamdas_tokens_scored_total[1m]))", expressions);
        Assert.Contains("max by (job) (lamdas_job_progress_ratio)", expressions);
        Assert.Contains(expressions, e => e.Contains("lamdas_documents_selected_total", StringComparison.Ordinal) && e.Contains("/ sum by (job) (rate(lamdas_documents_scored_total", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("lamdas_documents_quarantined_total", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("lamdas_shards_failed_total", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.StartsWith("histogram_quantile(0.5,", StringComparison.Ordinal) && e.Contains("lamdas_shard_duration_seconds_bucket", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.StartsWith("histogram_quantile(0.95,", StringComparison.Ordinal) && e.Contains("lamdas_shard_duration_seconds_bucket", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("lamdas_batch_latency_seconds_bucket", StringComparison.Ordinal));
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

    [Fact]
    public void ABrokenDashboardIsReported()
    {
        var broken = JsonNode.Parse(Json)!;
        broken["schemaVersion"] = 27;
        broken["panels"]![0]!["targets"]![0]!["expr"] = "sum(rate(lamdas_tokens_total[1m]))";
        broken["panels"]![1]!["targets"] = new JsonArray();
        using var temp = new TempDirectory();
        var file = temp.Write("lamdas.json", broken.ToJsonString());

        var problems = DashboardChecks.Problems(File.ReadAllText(file));

        Assert.Equal(
        [
            "schemaVersion below 36",
            "panel 'Cluster tokens/s': unknown metric lamdas_tokens_total",
            "panel 'Documents scored/s': no query",
        ], problems);
        Assert.StartsWith("not JSON: ", Assert.Single(DashboardChecks.Problems("{\"panels\": [1 }")));
    }
}
