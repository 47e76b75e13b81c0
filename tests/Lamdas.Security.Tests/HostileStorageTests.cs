using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;

namespace Lamdas.Security.Tests;

/// <summary>
/// Links, blob names and races that would let one team read or write another team's data, or any file on the host:
/// each is refused, and blue's folders neither change nor leak into red's.
/// </summary>
[Integration]
[Collection(HostileSiloCollection.Name)]
public sealed class HostileStorageTests(HostileSilo silo)
{
    [Fact]
    public async Task ALinkInTheInputFolderToAnotherTeamsFileIsRefused()
    {
        var blue = silo.BlueSnapshot();
        var folder = Path.Combine(silo.RedIn, "linked-file");
        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(Path.Combine(folder, "stolen.jsonl"), Path.Combine(silo.BlueIn, "secret.jsonl"));
        var spec = silo.Spec("linked-file");
        spec["input"] = Path.Combine(folder, "*.jsonl");
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        Assert.True(code == HttpStatusCode.Forbidden, $"{(int)code}: {text}");
        Assert.Contains("stolen.jsonl", text, StringComparison.Ordinal);
        Assert.DoesNotContain(HostileSilo.Secret, text, StringComparison.Ordinal);
        Assert.Equal(blue, silo.BlueSnapshot());
        silo.AssertNoSecretInRedFolders();
        await silo.AssertHealthyAsync();
    }

    [Fact]
    public async Task ALinkToAHostFileIsRefused()
    {
        var folder = Path.Combine(silo.RedIn, "linked-host");
        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(Path.Combine(folder, "passwd.jsonl"), "/etc/passwd");
        var spec = silo.Spec("linked-host");
        spec["input"] = Path.Combine(folder, "passwd.jsonl");
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        Assert.True(code == HttpStatusCode.Forbidden, $"{(int)code}: {text}");
        Assert.DoesNotContain("root:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinkedFolderUnderTheInputIsRefused()
    {
        var folder = Path.Combine(silo.RedIn, "linked-dir");
        Directory.CreateDirectory(folder);
        Directory.CreateSymbolicLink(Path.Combine(folder, "blue"), silo.BlueIn);
        var spec = silo.Spec("linked-dir");
        spec["input"] = Path.Combine(folder, "**", "*.jsonl");
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        Assert.True(code is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{(int)code}: {text}");
        silo.AssertNoSecretInRedFolders();
    }

    [Fact]
    public async Task ALinkSwappedInAfterAcceptanceDoesNotLeakTheFile()
    {
        // Accepted while the input is a real file; the file is then replaced by a link to blue's secret before the
        // worker reads it. The check when the file is opened refuses it.
        var blue = silo.BlueSnapshot();
        var folder = Path.Combine(silo.RedIn, "swap");
        Directory.CreateDirectory(folder);
        var input = Path.Combine(folder, "data.jsonl");
        File.Copy(Path.Combine(silo.BlueIn, "secret.jsonl"), input);
        await File.WriteAllTextAsync(input, File.ReadAllText(input).Replace(HostileSilo.Secret, "harmless-text-of-equal-size", StringComparison.Ordinal));
        var spec = silo.Spec("swap");
        spec["input"] = input;
        spec["prefix"]!["epochs"] = 3;
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        Assert.True(code == HttpStatusCode.Accepted, $"{(int)code}: {text}");
        File.Delete(input);
        File.CreateSymbolicLink(input, Path.Combine(silo.BlueIn, "secret.jsonl"));
        var id = JsonNode.Parse(text)!["job_id"]!.GetValue<string>();
        var status = await silo.WaitFinishedAsync(id, TimeSpan.FromMinutes(3));
        Assert.NotEqual("succeeded", status["phase"]!.GetValue<string>());
        Assert.Equal(0, status["selected"]!.GetValue<long>());
        silo.AssertNoSecretInRedFolders();
        Assert.Equal(blue, silo.BlueSnapshot());
        await silo.AssertHealthyAsync();
    }

    [Fact]
    public async Task ALinkInTheOutputFolderToAnotherTeamsOutputWritesNothingThere()
    {
        var blue = silo.BlueSnapshot();
        var output = Path.Combine(silo.RedOut, "linked-out");
        Directory.CreateDirectory(output);
        Directory.CreateSymbolicLink(Path.Combine(output, "_progress"), silo.BlueOut);
        var spec = silo.Spec("linked-out");
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        Assert.True(code is HttpStatusCode.Forbidden or HttpStatusCode.Conflict or HttpStatusCode.BadRequest, $"{(int)code}: {text}");
        Assert.Equal(blue, silo.BlueSnapshot());
        Assert.Empty(Directory.GetFiles(silo.BlueOut, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ALinkCreatedInTheOutputWhileTheJobRunsWritesNothingThere()
    {
        var blue = silo.BlueSnapshot();
        var output = Path.Combine(silo.RedOut, "late-link");
        var spec = silo.Spec("late-link");
        spec["prefix"]!["epochs"] = 3;
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        Assert.True(code == HttpStatusCode.Accepted, $"{(int)code}: {text}");
        Directory.CreateDirectory(output);
        Directory.CreateSymbolicLink(Path.Combine(output, "selected"), silo.BlueOut);
        Directory.CreateSymbolicLink(Path.Combine(output, "scores"), silo.BlueOut);
        var id = JsonNode.Parse(text)!["job_id"]!.GetValue<string>();
        var status = await silo.WaitFinishedAsync(id, TimeSpan.FromMinutes(3));
        Assert.NotEqual("succeeded", status["phase"]!.GetValue<string>());
        Assert.Equal(blue, silo.BlueSnapshot());
        Assert.Empty(Directory.GetFiles(silo.BlueOut, ".*", SearchOption.AllDirectories));
        await silo.AssertHealthyAsync();
    }

    [Fact]
    public async Task TwoJobsRacingForOneEmptyOutputFolderGetOne202AndOne409()
    {
        for (var round = 0; round < 4; round++)
        {
            var first = silo.Spec($"race-{round}");
            var second = silo.Spec($"race-{round}");
            second["name"] = $"red-race-{round}-b";
            var responses = await Task.WhenAll(silo.SubmitAsync(first.ToJsonString()), silo.SubmitAsync(second.ToJsonString()));
            try
            {
                var codes = responses.Select(r => r.StatusCode).Order().ToList();
                Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], codes);
                var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
                Assert.Contains("in use by job", await loser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                var winner = responses.Single(r => r.StatusCode == HttpStatusCode.Accepted);
                var id = JsonNode.Parse(await winner.Content.ReadAsStringAsync())!["job_id"]!.GetValue<string>();
                using var cancel = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.Silo.Http, $"api/v1/jobs/{id}/cancel"));
                cancel.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", HostileSilo.RedKey);
                (await silo.Http.SendAsync(cancel)).Dispose();
            }
            finally
            {
                foreach (var r in responses)
                {
                    r.Dispose();
                }
            }
        }
    }

    [Fact]
    public async Task BlobNamesThatLeaveTheModelCacheAreRefused()
    {
        var target = Path.Combine(Path.GetTempPath(), "lamdas-escape-" + Guid.NewGuid().ToString("N")[..8]);
        var container = new BlobServiceClient(silo.Azurite.ConnectionString).GetBlobContainerClient(HostileSilo.ModelContainer);
        await container.CreateIfNotExistsAsync();
        foreach (var file in Directory.GetFiles(RepoPaths.TinyModel))
        {
            await container.GetBlobClient($"red/evil/{Path.GetFileName(file)}").UploadAsync(file, overwrite: true);
        }

        await container.GetBlobClient($"red/evil/{target}/x.txt").UploadAsync(BinaryData.FromString("written outside the cache"), overwrite: true);
        var spec = silo.Spec("blob-escape");
        spec["model"] = $"az://{HostileSilo.ModelContainer}/red/evil";
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        if (code == HttpStatusCode.Accepted)
        {
            var id = JsonNode.Parse(text)!["job_id"]!.GetValue<string>();
            var status = await silo.WaitFinishedAsync(id, TimeSpan.FromMinutes(2));
            Assert.Equal("failed", status["phase"]!.GetValue<string>());
            Assert.Contains("x.txt", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        else
        {
            Assert.True(code is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{(int)code}: {text}");
        }

        Assert.False(File.Exists(Path.Combine(target, "x.txt")), $"{target}/x.txt was written");
        Assert.False(Directory.Exists(target), $"{target} was created");
        await silo.AssertHealthyAsync();
    }
}
