using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Lamdas.Cluster.Tests;

/// <summary>
/// <c>POST /api/v1/jobs/{id}/cancel</c> on a running silo (<c>lamdas serve</c>) while its only worker trains the job's
/// prefix: the worker drops the work within seconds, reports nothing for the void lease, and takes the next job.
/// </summary>
[Integration]
public sealed class JobCancelTests : IDisposable
{
    private const string Key = "cancel-team-key";
    private static readonly TimeSpan FreedWithin = TimeSpan.FromSeconds(10);
    private readonly Corpus _corpus = new(files: 2, recordsPerFile: 20);

    [Fact]
    public async Task CancellingAJobDuringPrefixTrainingFreesTheWorkerAtOnceAndTheNextJobSucceeds()
    {
        // Forty Python files cut into 64-token windows and 100 epochs: training that runs for many minutes.
        var reference = Path.Combine(_corpus.Root, "long-reference.jsonl");
        await File.WriteAllLinesAsync(reference, File.ReadLines(Path.Combine(RepoPaths.BenchTask("code-python"), "reference.jsonl")).Take(40));
        using var silo = SiloProcess.Start(null, new Dictionary<string, string>
        {
            // The corpus is cut into 2 KB shards, below the default floor: limits are the cluster's to set.
            ["Lamdas__Limits__MinShardSizeMb"] = "0.001",
            ["Lamdas__Teams__0__Name"] = "cancel",
            ["Lamdas__Teams__0__ApiKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),
            ["Lamdas__Teams__0__InputPrefixes__0"] = _corpus.Root,
            ["Lamdas__Teams__0__InputPrefixes__1"] = RepoPaths.TinyModel,
            ["Lamdas__Teams__0__OutputPrefixes__0"] = _corpus.Root,
            ["Lamdas__Cluster__PollInterval"] = "00:00:00.250",
            ["Lamdas__Cluster__FlushInterval"] = "00:00:00.250",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await silo.WaitHealthyAsync(http, TimeSpan.FromSeconds(120));

        var longOutput = _corpus.Output("long-training");
        var longJob = await SubmitAsync(silo, http, _corpus.Yaml("long-training", "lamdas", longOutput,
            $"model: {RepoPaths.TinyModel}\nprefix: {{ reference: {reference}, length: 8, epochs: 100 }}"));
        await WaitForAsync(silo, () => silo.Log.Contains($"job {longJob}: training on ", StringComparison.Ordinal), "prefix training to start",
            TimeSpan.FromMinutes(4));
        Assert.Equal("preparing", await PhaseAsync(silo, http, longJob));
        Assert.True(await WorkerBusyAsync(silo, http), "the worker is not busy while it trains the prefix");

        using var cancelled = await http.PostAsync(new Uri(silo.Http, $"api/v1/jobs/{longJob}/cancel"), null);
        var body = await cancelled.Content.ReadAsStringAsync();
        Assert.True(cancelled.IsSuccessStatusCode, body);
        Assert.Equal("cancelled", JsonNode.Parse(body)!["phase"]!.GetValue<string>());
        var clock = Stopwatch.StartNew();
        while (await WorkerBusyAsync(silo, http) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }

        var freed = clock.Elapsed;
        Assert.True(freed <= FreedWithin, $"the worker was still busy {freed.TotalSeconds:F1} s after the cancel (limit {FreedWithin.TotalSeconds:F0} s)\n{silo.Log}");

        // The coordinator told the worker at once (not its next lease heartbeat), and the lease died with the job:
        // nothing was reported against it, and no half-trained prefix was written.
        await WaitForAsync(silo, () => silo.Log.Contains($"job {longJob} was cancelled; stopped its prepare", StringComparison.Ordinal),
            "the worker's word that it dropped the cancelled job's work", TimeSpan.FromSeconds(5));
        Assert.DoesNotContain($"job {longJob} prepare failed", silo.Log, StringComparison.Ordinal);
        Assert.DoesNotContain($"Job {longJob}: Prepare failed", silo.Log, StringComparison.Ordinal);
        Assert.DoesNotContain($"job {longJob} prepare interrupted", silo.Log, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(longOutput, "prefix", "prefix.safetensors")), "a prefix was written for the cancelled job");
        Assert.Equal("cancelled", await PhaseAsync(silo, http, longJob));

        // The worker moves on: a small job submitted next runs to the end.
        var smallJob = await SubmitAsync(silo, http, _corpus.Yaml("after-cancel", "lamdas", _corpus.Output("after-cancel"),
            $"model: {RepoPaths.TinyModel}\nprefix: {{ reference: {Path.Combine(_corpus.Root, "reference.jsonl")}, length: 4, epochs: 1 }}"));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        var phase = "";
        while (DateTime.UtcNow < deadline && phase is not ("succeeded" or "failed" or "cancelled"))
        {
            await Task.Delay(500);
            phase = await PhaseAsync(silo, http, smallJob);
        }

        Assert.True(phase == "succeeded", $"the job after the cancelled one ended {phase}\n{silo.Log}");
        Console.WriteLine($"worker freed {freed.TotalSeconds:F1} s after the cancel");
    }

    public void Dispose() => _corpus.Dispose();

    private static async Task<string> SubmitAsync(SiloProcess silo, HttpClient http, string yaml)
    {
        using var submitted = await http.PostAsync(new Uri(silo.Http, "api/v1/jobs"), new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["job_id"]!.GetValue<string>();
    }

    private static async Task<string> PhaseAsync(SiloProcess silo, HttpClient http, string jobId) =>
        JsonNode.Parse(await http.GetStringAsync(new Uri(silo.Http, $"api/v1/jobs/{jobId}")))!["phase"]!.GetValue<string>();

    /// <summary>Whether the silo's worker holds work, as <c>GET /api/v1/cluster</c> reports it.</summary>
    private static async Task<bool> WorkerBusyAsync(SiloProcess silo, HttpClient http)
    {
        var cluster = JsonNode.Parse(await http.GetStringAsync(new Uri(silo.Http, "api/v1/cluster")))!;
        var worker = Assert.Single(cluster["silos"]!.AsArray())!["worker"];
        Assert.True(worker is not null, $"the silo reported no worker status: {cluster.ToJsonString()}");
        return worker["busy"]!.GetValue<bool>();
    }

    private static async Task WaitForAsync(SiloProcess silo, Func<bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.False(silo.Exited, $"the silo exited while waiting for {what}\n{silo.Log}");
            Assert.True(DateTime.UtcNow < deadline, $"no {what} within {timeout.TotalSeconds:F0} s\n{silo.Log}");
            await Task.Delay(250);
        }
    }
}
