using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Telemetry;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cluster.Tests;

/// <summary>Metrics and traces of a real job: in process through listeners, and scraped from a running silo.</summary>
[Integration]
[Collection("Telemetry")]
public sealed partial class TelemetryTests : IDisposable
{
    private readonly Corpus _corpus = new(files: 2, recordsPerFile: 20);

    private string LamdasYaml(string output) => _corpus.Yaml("telemetry", "lamdas", output,
        $"model: {RepoPaths.TinyModel}\nprefix: {{ reference: {Path.Combine(_corpus.Root, "reference.jsonl")}, length: 4, epochs: 1 }}");

    [Fact]
    public async Task JobEmitsShardSpansLinkedAcrossGrainsAndCountsTokens()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            // Orleans carries the trace context across grain calls through its own (listened-to) call activities.
            ShouldListenTo = s => s.Name == LamdasTelemetry.Name || s.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var spec = JobSpecParser.Parse(LamdasYaml(_corpus.Output("spans")), Corpus.Limits);
        var outcome = await new EmbeddedJobRunner(spec, new JobRunnerOptions()).RunAsync(CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Message);
        // The job's per-job series (kept for the retention after it finished) counted every token it scored.
        var tokens = LamdasTelemetry.Jobs.Observe(JobCounter.TokensScored)
            .Where(m => JobOf(m.Tags) is { } job && job.StartsWith("telemetry-", StringComparison.Ordinal)).Sum(m => m.Value);
        Assert.Equal(outcome.Tokens, tokens);

        List<Activity> done;
        lock (spans)
        {
            done = spans.Where(a => a.GetTagItem("lamdas.job.id") is string job && job.StartsWith("telemetry-", StringComparison.Ordinal)).ToList();
        }

        Assert.Contains(done, a => a.OperationName == "lamdas.job.submit");
        var scored = done.Where(a => a.OperationName == "lamdas.shard.score").ToList();
        var commits = done.Where(a => a.OperationName == "lamdas.shard.commit").ToList();
        Assert.True(scored.Count >= 2, $"{scored.Count} shard spans");
        Assert.All(scored, a => Assert.NotNull(a.GetTagItem("lamdas.shard.id")));
        Assert.All(scored, a => Assert.NotNull(a.GetTagItem("lamdas.job.id")));

        // The aggregator's commit runs in the trace of the worker's shard span (context crosses the grain call).
        foreach (var commit in commits)
        {
            var shard = commit.GetTagItem("lamdas.shard.id");
            Assert.Contains(scored, s => s.TraceId == commit.TraceId && Equals(s.GetTagItem("lamdas.shard.id"), shard));
        }
    }

    [Fact]
    public async Task SiloServesPrometheusMetricsWithTheProductsAndOrleansMeters()
    {
        const string key = "metrics-key";
        var output = _corpus.Output("metrics");
        using var silo = SiloProcess.Start(null, new Dictionary<string, string>
        {
            // The corpus is cut into 2 KB shards, below the default floor: limits are the cluster's to set.
            ["Lamdas__Limits__MinShardSizeMb"] = "0.001",
            ["Lamdas__Teams__0__Name"] = "m",
            ["Lamdas__Teams__0__ApiKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            ["Lamdas__Teams__0__InputPrefixes__0"] = _corpus.Root,
            ["Lamdas__Teams__0__InputPrefixes__1"] = RepoPaths.TinyModel,
            ["Lamdas__Teams__0__OutputPrefixes__0"] = _corpus.Root,
            ["Lamdas__Cluster__PollInterval"] = "00:00:00.250",

            // The silo's thread count applies to every job, whatever the job's own threads says.
            ["Lamdas__Cluster__Threads"] = "1",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        await silo.WaitHealthyAsync(http, TimeSpan.FromSeconds(90));

        using var submitted = await http.PostAsync(new Uri(silo.Http, "api/v1/jobs"),
            new StringContent(LamdasYaml(output) + "\nthreads: 2\n", Encoding.UTF8, "application/yaml"));
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.IsSuccessStatusCode, body);
        var jobId = JsonNode.Parse(body)!["job_id"]!.GetValue<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        string phase = "";
        while (DateTime.UtcNow < deadline && phase is not ("succeeded" or "failed" or "cancelled"))
        {
            await Task.Delay(500);
            phase = JsonNode.Parse(await http.GetStringAsync(new Uri(silo.Http, $"api/v1/jobs/{jobId}")))!["phase"]!.GetValue<string>();
        }

        Assert.True(phase == "succeeded", silo.Log);
        Assert.Contains("with 1 CPU threads; lease", silo.Log, StringComparison.Ordinal);
        Assert.Contains($"loaded model {RepoPaths.TinyModel} on cpu in float32 with 1 CPU threads", silo.Log, StringComparison.Ordinal);
        var metrics = await http.GetStringAsync(new Uri(silo.Http, "metrics"));
        Assert.True(Value(metrics, "lamdas_tokens_scored_total") > 0, metrics[..Math.Min(3000, metrics.Length)]);
        Assert.True(Value(metrics, "lamdas_shards_completed_total") >= 2);
        Assert.True(Value(metrics, "lamdas_documents_scored_total") == 40);
        Assert.Contains("lamdas_shard_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        var samples = PrometheusText.Parse(metrics);

        // Second-scale buckets; the silo label is host:port; every counter is there (failures at 0).
        Assert.Contains(samples, x => x.Name == "lamdas_shard_duration_seconds_bucket" && x.Labels["le"] == "3600");
        Assert.DoesNotContain(samples, x => x.Name == "lamdas_shard_duration_seconds_bucket" && x.Labels["le"] == "7500");
        var silos = samples.Where(x => x.Name.StartsWith("lamdas_", StringComparison.Ordinal) && x.Labels.ContainsKey("silo")).Select(x => x.Labels["silo"]).Distinct().ToList();
        Assert.Equal(new[] { $"{System.Net.Dns.GetHostName()}:{silo.SiloPort}" }, silos);
        Assert.Equal(0, Assert.Single(PrometheusText.Select(samples, "lamdas_shards_failed_total")).Value);
        Assert.DoesNotContain(samples, x => x.Name.StartsWith("lamdas_", StringComparison.Ordinal) && (x.Labels.ContainsKey("job") || x.Labels.ContainsKey("lamdas_job")));
        Assert.Contains("lamdas_model_memory_bytes", metrics, StringComparison.Ordinal);
        Assert.Matches(OrleansMetric(), metrics);
    }

    private static string? JobOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == LamdasTelemetry.JobTag)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    private static double Value(string exposition, string metric) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ')[^1].Trim() is var v && v.Length > 0 && char.IsDigit(v[0]) ? v : l.Split(' ')[^2], CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(?m)^orleans_[a-z_]+")]
    private static partial Regex OrleansMetric();

    public void Dispose() => _corpus.Dispose();
}
