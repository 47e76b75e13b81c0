using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Lamdas.Dashboard.Tests;

/// <summary>
/// A live <c>lamdas serve</c> silo with one team whose storage prefixes are a temporary folder (input, reference,
/// output) and the repository's models folder, plus headless Chromium driven by Playwright.
/// </summary>
public sealed class DashboardSilo : IAsyncLifetime
{
    public const string ApiKey = "dashboard-team-key";
    public const string ChromiumPath = "/usr/bin/chromium";

    private SiloProcess? _serve;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "lamdas-dashboard-tests-" + Guid.NewGuid().ToString("N"));

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Server => Silo.Http;

    public string Log => _serve?.Log ?? "";

    private SiloProcess Silo => _serve ?? throw new InvalidOperationException("the silo is not started");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (./test.sh installs it)");
        }

        Directory.CreateDirectory(Path.Combine(Root, "in"));
        Directory.CreateDirectory(Path.Combine(Root, "ref"));
        Directory.CreateDirectory(Path.Combine(Root, "out"));
        var candidates = File.ReadLines(Path.Combine(RepoPaths.BenchTask("code-python"), "candidates.jsonl")).Where(l => l.Length > 0).Take(150);
        await File.WriteAllTextAsync(Path.Combine(Root, "in", "candidates.jsonl"), string.Join('\n', candidates) + "\n");
        var reference = File.ReadLines(Path.Combine(RepoPaths.BenchTask("code-python"), "reference.jsonl")).Where(l => l.Length > 0).Take(10);
        await File.WriteAllTextAsync(Path.Combine(Root, "ref", "reference.jsonl"), string.Join('\n', reference) + "\n");

        _serve = SiloProcess.Start(null, new Dictionary<string, string>
        {
            ["Lamdas__Cluster__FlushInterval"] = "00:00:00.250",
            ["Lamdas__Cluster__PollInterval"] = "00:00:00.250",
            ["Lamdas__Teams__0__Name"] = "dashboard",
            ["Lamdas__Teams__0__ApiKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            ["Lamdas__Teams__0__InputPrefixes__0"] = Root + "/",
            ["Lamdas__Teams__0__InputPrefixes__1"] = Path.Combine(RepoPaths.Root, "models") + "/",
            ["Lamdas__Teams__0__OutputPrefixes__0"] = Path.Combine(Root, "out") + "/",
        });
        await _serve.WaitHealthyAsync(Http, TimeSpan.FromSeconds(120));

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>The job the browser test watches: LAMDAS on 150 Python-benchmark candidates, in small shards.</summary>
    public JsonObject Spec() => new()
    {
        ["name"] = "dashboard",
        ["model"] = RepoPaths.TinyModel,
        ["prefix"] = new JsonObject { ["reference"] = Path.Combine(Root, "ref", "reference.jsonl"), ["length"] = 8, ["epochs"] = 1 },
        ["input"] = Path.Combine(Root, "in", "*.jsonl"),
        ["record"] = new JsonObject { ["id"] = "id", ["text"] = "text" },
        ["method"] = "lamdas",
        ["selection"] = new JsonObject { ["mode"] = "threshold", ["tau"] = 1.0 },
        ["output"] = Path.Combine(Root, "out", "dashboard") + "/",
        ["max_tokens"] = 64,
        ["threads"] = 1,
        ["shard_size_mb"] = 0.03,
    };

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        _serve?.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
