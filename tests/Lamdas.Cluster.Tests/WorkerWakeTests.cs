using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Lamdas.Cluster.Tests;

/// <summary>
/// A submitted job wakes the idle workers (the coordinator calls every silo's worker grain), so it starts at once
/// rather than at the workers' next poll.
/// </summary>
[Integration]
public sealed class WorkerWakeTests : IDisposable
{
    private const string Key = "wake-team-key";
    private readonly Corpus _corpus = new(files: 2, recordsPerFile: 10);

    [Fact]
    public async Task ASubmittedJobRunsLongBeforeTheIdleWorkersNextPoll()
    {
        using var silo = SiloProcess.Start(null, new Dictionary<string, string>
        {
            // The corpus is cut into 2 KB shards, below the default floor: limits are the cluster's to set.
            ["Lamdas__Limits__MinShardSizeMb"] = "0.001",
            ["Lamdas__Teams__0__Name"] = "wake",
            ["Lamdas__Teams__0__ApiKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),
            ["Lamdas__Teams__0__InputPrefixes__0"] = _corpus.Root,
            ["Lamdas__Teams__0__OutputPrefixes__0"] = _corpus.Root,

            // An idle worker looks for work every 5 minutes on its own (the longest allowed): only the wake-up can start the job sooner.
            ["Lamdas__Cluster__PollInterval"] = "00:05:00",
            ["Lamdas__Cluster__FlushInterval"] = "00:00:00.250",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await silo.WaitHealthyAsync(http, TimeSpan.FromSeconds(120));

        // Let the worker's first look (at start-up, before any job) pass, so that it is idle when the job arrives.
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var submitted = await http.PostAsync(new Uri(silo.Http, "api/v1/jobs"),
            new StringContent(_corpus.Yaml("wake", "random", _corpus.Output("wake")), Encoding.UTF8, "application/yaml"));
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.IsSuccessStatusCode, body);
        var jobId = JsonNode.Parse(body)!["job_id"]!.GetValue<string>();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var phase = "";
        while (DateTime.UtcNow < deadline && phase is not ("succeeded" or "failed" or "cancelled"))
        {
            await Task.Delay(250);
            phase = JsonNode.Parse(await http.GetStringAsync(new Uri(silo.Http, $"api/v1/jobs/{jobId}")))!["phase"]!.GetValue<string>();
        }

        Assert.True(phase == "succeeded", $"the job was {phase} 90 s after it was submitted\n{silo.Log}");
    }

    public void Dispose() => _corpus.Dispose();
}
