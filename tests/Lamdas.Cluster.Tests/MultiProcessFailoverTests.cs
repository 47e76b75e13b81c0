using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Lamdas.Cluster.Hosting;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cluster.Tests;

/// <summary>
/// The whole system on loopback: Redis (membership and grain state), Azurite (blob input and output) and three
/// <c>lamdas serve</c> processes. A job is submitted through the API; a worker silo, and in a second run the silo
/// hosting the coordinator, is killed with SIGKILL mid-job; the job still completes, and its output folder is
/// byte-identical to a one-silo run of the same spec. The silos keep model passes in a score store in the same
/// container (<c>Lamdas:Cluster:ScoreStore</c>): the first run writes it while a silo is killed, the second reads it.
/// </summary>
[Integration]
[Collection(TorchThreadsCollection.Name)]
public sealed class MultiProcessFailoverTests : IAsyncLifetime
{
    private const string ApiKey = "e2e-team-key";
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<SiloProcess> _silos = [];
    private AzuriteServer _azurite = null!;
    private RedisServer _redis = null!;
    private string _container = "";
    private Dictionary<string, string> _environment = [];

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _redis = await RedisServer.StartAsync();
        _container = await _azurite.CreateContainerAsync();
        Environment.SetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING", _azurite.ConnectionString);
        var blobs = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(_container);
        var bench = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "datasets", "domain-bench-dev", "code-python"));
        var candidates = File.ReadLines(Path.Combine(bench, "candidates.jsonl")).Where(l => l.Length > 0).Take(180).ToList();
        await blobs.UploadBlobAsync("in/part-0.jsonl", BinaryData.FromString(string.Join('\n', candidates.Take(90)) + "\n"));
        await blobs.UploadBlobAsync("in/part-1.jsonl", BinaryData.FromString(string.Join('\n', candidates.Skip(90)) + "\n"));
        await blobs.UploadBlobAsync("ref/reference.jsonl",
            BinaryData.FromString(string.Join('\n', File.ReadLines(Path.Combine(bench, "reference.jsonl")).Take(10)) + "\n"));

        _environment = new Dictionary<string, string>
        {
            ["AZURE_STORAGE_CONNECTION_STRING"] = _azurite.ConnectionString,
            ["Lamdas__Cluster__LeaseDuration"] = "00:00:04",
            ["Lamdas__Cluster__ScoreStore"] = $"az://{_container}/store",
            ["Lamdas__Cluster__FlushInterval"] = "00:00:00.250",
            ["Lamdas__Cluster__PollInterval"] = "00:00:00.250",
            ["Lamdas__Silo__ProbeTimeout"] = "00:00:01",
            ["Lamdas__Teams__0__Name"] = "e2e",
            ["Lamdas__Teams__0__ApiKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            ["Lamdas__Teams__0__InputPrefixes__0"] = $"az://{_container}/in/",
            ["Lamdas__Teams__0__InputPrefixes__1"] = $"az://{_container}/ref/",
            ["Lamdas__Teams__0__InputPrefixes__2"] = RepoPaths.TinyModel,
            ["Lamdas__Teams__0__OutputPrefixes__0"] = $"az://{_container}/out/",
        };
        _http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    private JsonObject Spec() => new()
    {
        ["name"] = "failover",
        ["model"] = RepoPaths.TinyModel,
        ["prefix"] = new JsonObject { ["reference"] = $"az://{_container}/ref/reference.jsonl", ["length"] = 8, ["epochs"] = 1 },
        ["input"] = $"az://{_container}/in/*.jsonl",
        ["record"] = new JsonObject { ["id"] = "id", ["text"] = "text" },
        ["method"] = "lamdas",
        ["selection"] = new JsonObject { ["mode"] = "threshold", ["tau"] = 1.0 },
        ["output"] = $"az://{_container}/out/failover/",
        ["max_tokens"] = 64,
        ["threads"] = 1,
        ["shard_size_mb"] = 0.03,
    };

    [Fact]
    public async Task JobSurvivesSigkillOfAWorkerSiloAndOfTheCoordinatorSiloWithIdenticalOutput()
    {
        // One silo (the embedded runner) gives the reference output.
        var spec = JobSpecParser.Parse(Spec().ToJsonString());
        var single = await new EmbeddedJobRunner(spec, new JobRunnerOptions()).RunAsync(CancellationToken.None);
        Assert.True(single.Succeeded, single.Message);
        var expected = await DownloadAndClearAsync();
        Assert.Contains("_SUCCESS", expected.Keys);
        Assert.Contains(expected.Keys, k => k.StartsWith("selected/", StringComparison.Ordinal));

        for (var i = 0; i < 3; i++)
        {
            _silos.Add(SiloProcess.Start(_redis.Connection, _environment));
        }

        foreach (var silo in _silos)
        {
            await silo.WaitHealthyAsync(_http, TimeSpan.FromSeconds(90));
        }

        // Run 1: kill a silo that scores but does not host the coordinator.
        await RunWithKillAsync(coordinatorSilo: false);
        AssertSame(expected, await DownloadAndClearAsync());

        // Run 2: bring the cluster back to three silos, then kill the silo hosting the coordinator.
        var replacement = SiloProcess.Start(_redis.Connection, _environment);
        _silos.Add(replacement);
        await replacement.WaitHealthyAsync(_http, TimeSpan.FromSeconds(90));
        await RunWithKillAsync(coordinatorSilo: true);
        AssertSame(expected, await DownloadAndClearAsync());

        // The store the silos wrote while one was killed holds only whole entries.
        var blobs = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(_container);
        var entries = 0;
        await foreach (var item in blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "store/", CancellationToken.None))
        {
            var bytes = (await blobs.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToArray();
            var documents = (bytes.Length - 40) / 12;
            Assert.NotNull(Lamdas.Jobs.Scoring.Passes.PassEntry.TryDecode(bytes, documents));
            entries++;
        }

        Assert.True(entries > 0, "the silos wrote no score-store entries");
    }

    private async Task RunWithKillAsync(bool coordinatorSilo)
    {
        var alive = _silos.Where(s => !s.Exited).ToList();
        using var submitted = await _http.PostAsync(new Uri(alive[0].Http, "api/v1/jobs"),
            new StringContent(Spec().ToJsonString(), Encoding.UTF8, "application/json"));
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.IsSuccessStatusCode, $"{(int)submitted.StatusCode}: {body}");
        var jobId = JsonNode.Parse(body)!["job_id"]!.GetValue<string>();

        SiloProcess? killed = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(6);
        JsonNode? status = null;
        while (DateTime.UtcNow < deadline)
        {
            status = await StatusAsync(jobId, alive.Where(s => !s.Exited));
            var phase = status?["phase"]?.GetValue<string>();
            if (phase is "succeeded" or "failed" or "cancelled")
            {
                break;
            }

            if (killed is null && status?["shards_done"]?.GetValue<int>() >= 2 && phase == "scoring")
            {
                var coordinatorPort = Port(status["coordinator_silo"]!.GetValue<string>());
                killed = coordinatorSilo
                    ? alive.Single(s => s.SiloPort == coordinatorPort)
                    : alive.First(s => s.SiloPort != coordinatorPort);
                killed.KillHard();
            }

            await Task.Delay(500);
        }

        var logs = string.Join("\n----\n", _silos.Select(s => s.Log[Math.Max(0, s.Log.Length - 3000)..]));
        Assert.True(killed is not null, $"the job finished before a silo could be killed: {status}\n{logs}");
        Assert.True(status?["phase"]?.GetValue<string>() == "succeeded", $"job did not succeed: {status}\n{logs}\n(status again, after the logs: {status})");
    }

    private async Task<JsonNode?> StatusAsync(string jobId, IEnumerable<SiloProcess> candidates)
    {
        foreach (var silo in candidates)
        {
            try
            {
                using var response = await _http.GetAsync(new Uri(silo.Http, $"api/v1/jobs/{jobId}"));
                if (response.IsSuccessStatusCode)
                {
                    return JsonNode.Parse(await response.Content.ReadAsStringAsync());
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // That silo is down or busy failing over; ask another.
            }
        }

        return null;
    }

    private static int Port(string siloAddress) =>
        int.Parse(siloAddress.Split('@')[0].Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<SortedDictionary<string, byte[]>> DownloadAndClearAsync()
    {
        var blobs = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(_container);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var item in blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "out/failover/", CancellationToken.None))
        {
            var content = await blobs.GetBlobClient(item.Name).DownloadContentAsync();
            files[item.Name["out/failover/".Length..]] = content.Value.Content.ToArray();
            await blobs.DeleteBlobAsync(item.Name);
        }

        return files;
    }

    private static void AssertSame(SortedDictionary<string, byte[]> expected, SortedDictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (path, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]), $"{path} differs");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        _http.Dispose();
        await _redis.DisposeAsync();
        await _azurite.StopAsync();
    }
}
