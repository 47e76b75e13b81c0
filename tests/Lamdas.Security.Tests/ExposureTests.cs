using System.Net;
using System.Text.Json.Nodes;

namespace Lamdas.Security.Tests;

/// <summary>What a caller without a key, or with another team's key, can learn.</summary>
[Integration]
[Collection(HostileSiloCollection.Name)]
public sealed class ExposureTests(HostileSilo silo)
{
    [Fact]
    public async Task MetricsWithoutAKeyNameNoJob()
    {
        var (code, text) = await silo.PostAsync(silo.Spec("metrics").ToJsonString());
        Assert.True(code == HttpStatusCode.Accepted, $"{(int)code}: {text}");
        var id = JsonNode.Parse(text)!["job_id"]!.GetValue<string>();
        var status = await silo.WaitFinishedAsync(id, TimeSpan.FromMinutes(3));
        Assert.Equal("succeeded", status["phase"]!.GetValue<string>());

        // The exporter collects on a scrape: the shard counters of the job are there, without its id.
        var metrics = await silo.Http.GetStringAsync(new Uri(silo.Silo.Http, "metrics"));
        Assert.Contains("lamdas_shards_completed", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(id, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("red-metrics", metrics, StringComparison.Ordinal);

        // Blue's key cannot see red's job either.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(silo.Silo.Http, $"api/v1/jobs/{id}"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", HostileSilo.BlueKey);
        using var other = await silo.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        await silo.AssertHealthyAsync();
    }
}
