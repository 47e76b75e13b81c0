using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Lamdas.Security.Tests;

/// <summary>
/// A live <c>lamdas serve</c> silo (and Azurite behind it) shared by two mutually untrusted teams: <c>red</c>, whose key
/// the tests use as an attacker would, and <c>blue</c>, whose folders hold a secret that must never reach red's
/// output and must never change.
/// </summary>
public sealed class HostileSilo : IAsyncLifetime
{
    public const string RedKey = "red-team-key";
    public const string BlueKey = "blue-team-key";

    /// <summary>Text in blue's input that must never appear anywhere in red's folders.</summary>
    public const string Secret = "BLUE-TEAM-SECRET-7f3a";

    /// <summary>
    /// The resident memory the silo must stay under while it is attacked: above what its real jobs take here (the
    /// model, libtorch's allocator caches: about 2.6 GB after the jobs of these tests), below the 4.5–9 GB that one
    /// hostile spec drove a silo to (refusals themselves are held to a small growth by the tests that send them).
    /// </summary>
    public const long MemoryCeilingBytes = 4L * 1024 * 1024 * 1024;

    private SiloProcess? _serve;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "lamdas-security-" + Guid.NewGuid().ToString("N")[..8]);

    public string RedIn => Path.Combine(Root, "red", "in");

    public string RedOut => Path.Combine(Root, "red", "out");

    public string BlueIn => Path.Combine(Root, "blue", "in");

    public string BlueOut => Path.Combine(Root, "blue", "out");

    /// <summary>Blob container red may read models from (<c>az://models/red/</c>).</summary>
    public const string ModelContainer = "models";

    public AzuriteServer Azurite { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    internal SiloProcess Silo => _serve ?? throw new InvalidOperationException("the silo is not started");

    public async Task InitializeAsync()
    {
        foreach (var dir in new[] { RedIn, RedOut, BlueIn, BlueOut })
        {
            Directory.CreateDirectory(dir);
        }

        var candidates = File.ReadLines(Path.Combine(RepoPaths.BenchTask("code-python"), "candidates.jsonl")).Where(l => l.Length > 0).Take(40).ToList();
        await File.WriteAllTextAsync(Path.Combine(RedIn, "candidates.jsonl"), string.Join('\n', candidates) + "\n");
        // A few short reference documents: prefix training takes a second or two, so jobs reach their input soon.
        var reference = File.ReadLines(Path.Combine(RepoPaths.BenchTask("code-python"), "reference.jsonl")).Where(l => l.Length > 0).Take(4)
            .Select((line, i) => new JsonObject { ["id"] = $"ref-{i}", ["text"] = Truncate(JsonNode.Parse(line)!["text"]!.GetValue<string>(), 200) }.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(RedIn, "reference.jsonl"), string.Join('\n', reference) + "\n");
        await File.WriteAllTextAsync(Path.Combine(BlueIn, "secret.jsonl"),
            string.Join('\n', Enumerable.Range(0, 20).Select(i => $"{{\"id\":\"blue-{i}\",\"text\":\"{Secret} record {i}\"}}")) + "\n");
        await File.WriteAllTextAsync(Path.Combine(BlueOut, "keep.txt"), "blue's output\n");

        Azurite = await AzuriteServer.StartAsync();
        _serve = SiloProcess.Start(null, new Dictionary<string, string>
        {
            ["AZURE_STORAGE_CONNECTION_STRING"] = Azurite.ConnectionString,
            ["Lamdas__Cluster__FlushInterval"] = "00:00:00.250",
            ["Lamdas__Cluster__PollInterval"] = "00:00:00.250",
            ["Lamdas__Cluster__MaxAttempts"] = "1",

            // Limits are the cluster's to set: a small reference ceiling, to test it with a small file.
            ["Lamdas__Limits__MaxReferenceMb"] = "1",
            ["Lamdas__Teams__0__Name"] = "red",
            ["Lamdas__Teams__0__ApiKeySha256"] = Hash(RedKey),
            ["Lamdas__Teams__0__InputPrefixes__0"] = Path.Combine(Root, "red") + "/",
            ["Lamdas__Teams__0__InputPrefixes__1"] = Path.Combine(RepoPaths.Root, "models") + "/",
            ["Lamdas__Teams__0__InputPrefixes__2"] = $"az://{ModelContainer}/red/",
            ["Lamdas__Teams__0__OutputPrefixes__0"] = RedOut + "/",
            ["Lamdas__Teams__1__Name"] = "blue",
            ["Lamdas__Teams__1__ApiKeySha256"] = Hash(BlueKey),
            ["Lamdas__Teams__1__InputPrefixes__0"] = Path.Combine(Root, "blue") + "/",
            ["Lamdas__Teams__1__OutputPrefixes__0"] = BlueOut + "/",
        });
        await _serve.WaitHealthyAsync(Http, TimeSpan.FromSeconds(120));
    }

    /// <summary>A small valid LAMDAS job of red's, writing to <c>red/out/&lt;folder&gt;/</c>.</summary>
    public JsonObject Spec(string folder) => new()
    {
        ["name"] = "red-" + folder,
        ["model"] = RepoPaths.TinyModel,
        ["prefix"] = new JsonObject { ["reference"] = Path.Combine(RedIn, "reference.jsonl"), ["length"] = 4, ["epochs"] = 1 },
        ["input"] = Path.Combine(RedIn, "candidates.jsonl"),
        ["output"] = Path.Combine(RedOut, folder) + "/",
        ["max_tokens"] = 64,
        ["threads"] = 1,
    };

    /// <summary>POSTs a spec (text as given) with red's key; the response is disposed by the caller.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string body, string mediaType = "application/json", string key = RedKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Silo.Http, "api/v1/jobs"))
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return Http.SendAsync(request);
    }

    /// <summary>POSTs a spec with red's key; the status code and the body.</summary>
    public async Task<(System.Net.HttpStatusCode Status, string Body)> PostAsync(string body, string mediaType = "application/json")
    {
        using var response = await SubmitAsync(body, mediaType);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonObject> StatusAsync(string jobId, string key = RedKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Silo.Http, $"api/v1/jobs/{jobId}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET job {jobId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Polls a job until it has finished; its last status.</summary>
    public async Task<JsonObject> WaitFinishedAsync(string jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await StatusAsync(jobId);
            var phase = status["phase"]!.GetValue<string>();
            if (phase is "succeeded" or "failed" or "cancelled")
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} still {phase} after {timeout.TotalSeconds:F0} s:\n{Silo.Log}");
            await Task.Delay(250);
        }
    }

    /// <summary>The silo answers /healthz, is still the same process, and stays under <see cref="MemoryCeilingBytes"/>.</summary>
    public async Task AssertHealthyAsync()
    {
        Assert.False(Silo.Exited, "the silo process exited:\n" + Silo.Log);
        using var response = await Http.GetAsync(new Uri(Silo.Http, "healthz"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var rss = Silo.ResidentBytes;
        Assert.True(rss < MemoryCeilingBytes, $"the silo holds {rss / 1e6:F0} MB, more than the {MemoryCeilingBytes / 1e6:F0} MB ceiling");
    }

    /// <summary>Every file under blue's folders with its content hash: must not change whatever red does.</summary>
    public IReadOnlyDictionary<string, string> BlueSnapshot() =>
        Directory.EnumerateFiles(Path.Combine(Root, "blue"), "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => f, f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    /// <summary>Fails when blue's secret appears in any regular file under red's folders.</summary>
    public void AssertNoSecretInRedFolders()
    {
        // Links (to files or folders) are what the tests plant; what matters is what the silo wrote.
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "red"), "*", options))
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains(Secret, StringComparison.Ordinal), $"{file} holds blue's secret");
        }
    }

    public async Task DisposeAsync()
    {
        _serve?.Dispose();
        if (Azurite is not null)
        {
            await Azurite.StopAsync();
        }

        Http.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
