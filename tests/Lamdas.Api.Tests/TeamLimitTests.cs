using System.Net;
using System.Text;
using System.Text.Json;
using Lamdas.Api.Teams;
using Lamdas.Cluster.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lamdas.Api.Tests;

/// <summary>
/// <c>POST /api/v1/jobs</c> against a team's limits (<c>Lamdas:Teams:N:MaxActiveJobs</c>, <c>MaxQueuedShards</c>) on
/// the API hosted over a registry that reports the team's usage: within them the job is submitted with the team's
/// weight; at a limit it is refused with 429 and a reason naming the limit, and nothing is submitted or claimed.
/// </summary>
public sealed class TeamLimitTests : IAsyncLifetime
{
    private const string Key = "limits-key";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lamdas-api-limits-" + Guid.NewGuid().ToString("N"));
    private readonly FakeGrains _grains = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        await File.WriteAllTextAsync(Path.Combine(_root, "in", "a.jsonl"), "{\"id\":\"1\",\"text\":\"hello world\"}\n");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lamdas:Teams:0:Name"] = "limited",
            ["Lamdas:Teams:0:ApiKeySha256"] = ApiKeyHash.Hex(Key),
            ["Lamdas:Teams:0:InputPrefixes:0"] = _root,
            ["Lamdas:Teams:0:OutputPrefixes:0"] = _root,
            ["Lamdas:Teams:0:Weight"] = "2.5",
            ["Lamdas:Teams:0:MaxActiveJobs"] = "2",
            ["Lamdas:Teams:0:MaxQueuedShards"] = "100",
        });
        builder.Services.AddSingleton(_grains.Factory);
        builder.Services.AddLamdasApi(builder.Configuration);
        _app = builder.Build();
        _app.MapLamdasApi();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", Key);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SubmitAsync(string name)
    {
        var spec = $$"""
            name: {{name}}
            input: {{Path.Combine(_root, "in", "*.jsonl")}}
            record: { id: id, text: text }
            method: random
            selection: { mode: top-fraction, fraction: 0.5 }
            output: {{Path.Combine(_root, "out", name)}}/
            priority: 5
            """;
        using var response = await _http.PostAsync(new Uri("api/v1/jobs", UriKind.Relative), new StringContent(spec, Encoding.UTF8, "application/yaml"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task WithinItsLimitsAJobIsSubmittedWithTheTeamsWeightAndTheSpecsPriority()
    {
        _grains.Usage = new TeamUsage { Team = "", ActiveJobs = 1, QueuedShards = 99 };

        var (status, body) = await SubmitAsync("within");

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("planning", body.GetProperty("phase").GetString());
        var submission = Assert.Single(_grains.Submitted);
        Assert.Equal("limited", submission.Team);
        Assert.Equal(2.5, submission.TeamWeight);
        Assert.Equal(5, submission.Spec.Priority);
    }

    [Fact]
    public async Task AtMaxActiveJobsASubmissionIsRefusedWith429NamingTheLimit()
    {
        _grains.Usage = new TeamUsage { Team = "", ActiveJobs = 2, QueuedShards = 0 };

        var (status, body) = await SubmitAsync("too-many-jobs");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        var error = body.GetProperty("error").GetString()!;
        Assert.Contains("MaxActiveJobs is 2", error, StringComparison.Ordinal);
        Assert.Contains("team 'limited' has 2 active jobs", error, StringComparison.Ordinal);
        Assert.Empty(_grains.Submitted);
        Assert.False(Directory.Exists(Path.Combine(_root, "out", "too-many-jobs")), "the refused job claimed its output folder");
    }

    [Fact]
    public async Task AtMaxQueuedShardsASubmissionIsRefusedWith429NamingTheLimit()
    {
        _grains.Usage = new TeamUsage { Team = "", ActiveJobs = 1, QueuedShards = 100 };

        var (status, body) = await SubmitAsync("too-many-shards");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        var error = body.GetProperty("error").GetString()!;
        Assert.Contains("MaxQueuedShards is 100", error, StringComparison.Ordinal);
        Assert.Contains("100 shards queued or running", error, StringComparison.Ordinal);
        Assert.Empty(_grains.Submitted);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
