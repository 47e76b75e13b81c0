using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Lamdas.Security.Tests;

/// <summary>Specifications built to crash, bloat or hang a silo: each is refused with a 4xx naming the problem, and the silo stays healthy.</summary>
[Integration]
[Collection(HostileSiloCollection.Name)]
public sealed class HostileSpecTests(HostileSilo silo)
{
    [Fact]
    public async Task DeeplyNestedBracketsAreRefusedAndTheSiloSurvives()
    {
        const int depth = 100_000;
        var body = "{\"name\":\"x\",\"x\":" + new string('[', depth) + new string(']', depth) + "}";
        var (code, text) = await silo.PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("deep", text, StringComparison.OrdinalIgnoreCase);
        await silo.AssertHealthyAsync();
    }

    [Fact]
    public async Task DeeplyNestedYamlBlocksAreRefused()
    {
        var body = new StringBuilder("name: x\nx:\n");
        for (var i = 1; i < 1_000; i++)
        {
            body.Append(' ', i).Append("- \n");
        }

        var (code, _) = await silo.PostAsync(body.ToString(), "application/yaml");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        await silo.AssertHealthyAsync();
    }

    [Fact]
    public async Task AYamlAliasBombIsRefusedBeforeItExpands()
    {
        var body = new StringBuilder("name: bomb\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            body.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))).Append("]\n");
        }

        var before = silo.Silo.ResidentBytes;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, text) = await silo.PostAsync(body.ToString(), "application/yaml");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("alias", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the refusal took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(silo.Silo.ResidentBytes - before < 300L * 1024 * 1024, "the silo grew by more than 300 MB refusing the bomb");
        await silo.AssertHealthyAsync();
    }

    [Theory]
    [InlineData("max_tokens", 2147483647L)]
    [InlineData("batch_tokens", 2147483647L)]
    [InlineData("shard_size_mb", 0)]
    public async Task UnboundedNumbersAreRefusedNamingTheField(string field, long value)
    {
        var spec = silo.Spec("bounds-" + field);
        spec[field] = field == "shard_size_mb" ? 1e-10 : value;
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains(field, text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(silo.RedOut, "bounds-" + field)), "a refused spec claimed its output folder");
        await silo.AssertHealthyAsync();
    }

    [Fact]
    public async Task AHugePrefixLengthIsRefused()
    {
        var spec = silo.Spec("prefix-length");
        spec["prefix"]!["length"] = 1e9;
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("prefix.length", text, StringComparison.Ordinal);
        await silo.AssertHealthyAsync();
    }

    [Fact]
    public async Task AReferenceSetOverTheClustersLimitIsRefused()
    {
        var big = Path.Combine(silo.RedIn, "big-reference.jsonl");
        var line = new JsonObject { ["id"] = "r", ["text"] = new string('x', 10_000) }.ToJsonString();
        await File.WriteAllLinesAsync(big, Enumerable.Repeat(line, 200));
        var spec = silo.Spec("big-reference");
        spec["prefix"]!["reference"] = big;
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        Assert.True(code == HttpStatusCode.BadRequest, $"{(int)code}: {text}");
        Assert.Contains("prefix.reference", text, StringComparison.Ordinal);
        Assert.Contains("limit of 1 MB", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxTokensBeyondTheModelsPositionsIsRefused()
    {
        // The bundled model has 2,048 positions; 4,000 is within the cluster's ceiling but not the model's.
        var spec = silo.Spec("positions");
        spec["max_tokens"] = 4000;
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("max_position_embeddings", text, StringComparison.Ordinal);
        Assert.Contains("2048", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOversizeChunkedBodyIsRefusedWith413()
    {
        var payload = Encoding.UTF8.GetBytes("name: big\n# " + new string('x', 3 << 20) + "\n");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.Silo.Http, "api/v1/jobs"))
        {
            // A stream of unknown length is sent chunked: no Content-Length for the server to check up front.
            Content = new StreamContent(new NonSeekableStream(payload)),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", HostileSilo.RedKey);
        request.Headers.TransferEncodingChunked = true;
        HttpResponseMessage response;
        try
        {
            response = await silo.Http.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // The server may close the connection once it has refused; it must still be healthy.
            await silo.AssertHealthyAsync();
            return;
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        await silo.AssertHealthyAsync();
    }

    [Theory]
    [InlineData("seed: not-a-number", "seed")]
    [InlineData("seed: 1.5", "seed")]
    [InlineData("selection: { mode: threshold, tau: .nan }", "selection.tau")]
    [InlineData("method: dsir\nreference: REF\nselection: { mode: threshold, threshold: NaN }", "selection.threshold")]
    [InlineData("max_tokens: .inf", "max_tokens")]
    [InlineData("threads: 100000", "threads")]
    [InlineData("device: cuda:banana", "device")]
    public async Task InvalidValuesAre400NamingTheField(string line, string field)
    {
        var reference = Path.Combine(silo.RedIn, "reference.jsonl");
        var yaml = string.Join('\n',
            "name: invalid",
            $"model: {RepoPaths.TinyModel}",
            $"prefix: {{ reference: {reference}, length: 4, epochs: 1 }}",
            $"input: {Path.Combine(silo.RedIn, "candidates.jsonl")}",
            $"output: {Path.Combine(silo.RedOut, "invalid")}/",
            line.Replace("REF", reference, StringComparison.Ordinal));
        var (code, text) = await silo.PostAsync(yaml, "application/yaml");
        Assert.True(code == HttpStatusCode.BadRequest, $"{(int)code}: {text}");
        Assert.Contains(field, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: [unclosed")]
    [InlineData("name: x\n  bad: indentation\n - list")]
    [InlineData("{\"name\": \"x\",}")]
    [InlineData("? [complex, key]\n: value")]
    [InlineData("name: x\nname: y")]
    [InlineData("!!binary AAAA")]
    [InlineData("name: \"\\uD800\"")]
    [InlineData("%YAML 9.9\n---\nname: x")]
    public async Task MalformedYamlIs400(string body)
    {
        var (code, text) = await silo.PostAsync(body, "application/yaml");
        Assert.True(code == HttpStatusCode.BadRequest, $"{(int)code}: {text}");
        await silo.AssertHealthyAsync();
    }

    [Fact]
    public async Task BytesThatAreNotUtf8Are400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.Silo.Http, "api/v1/jobs"))
        {
            Content = new ByteArrayContent([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", HostileSilo.RedKey);
        using var response = await silo.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileInNoReadableFormatMatchedByAGlobIs400NamingIt()
    {
        var folder = Path.Combine(silo.RedIn, "mixed");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not records\n");
        File.Copy(Path.Combine(silo.RedIn, "candidates.jsonl"), Path.Combine(folder, "part.jsonl"));
        var spec = silo.Spec("mixed");
        spec["input"] = Path.Combine(folder, "*");
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        Assert.True(code == HttpStatusCode.BadRequest, $"{(int)code}: {text}");
        Assert.Contains("notes.txt", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(silo.RedOut, "mixed")), "a refused spec claimed its output folder");
    }

    [Fact]
    public async Task AnInputInNoReadableFormatIs400AndClaimsNothing()
    {
        await File.WriteAllTextAsync(Path.Combine(silo.RedIn, "table.csv"), "id,text\n1,hello\n");
        var spec = silo.Spec("csv");
        spec["input"] = Path.Combine(silo.RedIn, "*.csv");
        var (code, text) = await silo.PostAsync(spec.ToJsonString());
        Assert.True(code == HttpStatusCode.BadRequest, $"{(int)code}: {text}");
        Assert.Contains("input", text, StringComparison.Ordinal);
        Assert.Contains(".csv", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(silo.RedOut, "csv")), "a refused spec claimed its output folder");
    }

    [Fact]
    public async Task APlanningFailureAfterAcceptanceFailsTheJobAndReleasesTheFolder()
    {
        // A Parquet file whose footer is garbage passes every check that reads names, and fails when planned.
        var bad = Path.Combine(silo.RedIn, "broken", "part.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        await File.WriteAllBytesAsync(bad, Encoding.ASCII.GetBytes("PAR1 this is not a parquet file at all PAR1"));
        var spec = silo.Spec("planning");
        spec["input"] = bad;
        using (var response = await silo.SubmitAsync(spec.ToJsonString()))
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var id = JsonNode.Parse(text)!["job_id"]!.GetValue<string>();
                var status = await silo.WaitFinishedAsync(id, TimeSpan.FromSeconds(30));
                Assert.Equal("failed", status["phase"]!.GetValue<string>());
                Assert.Contains("part.parquet", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }

        // The folder is free again: the corrected spec over it is accepted.
        spec["input"] = Path.Combine(silo.RedIn, "candidates.jsonl");
        spec["name"] = "red-planning-fixed";
        using var again = await silo.SubmitAsync(spec.ToJsonString());
        Assert.True(again.StatusCode == HttpStatusCode.Accepted, $"{(int)again.StatusCode}: {await again.Content.ReadAsStringAsync()}");
        var fixedId = JsonNode.Parse(await again.Content.ReadAsStringAsync())!["job_id"]!.GetValue<string>();
        await CancelAsync(fixedId);
    }

    [Fact]
    public async Task ALoopOfHostileRequestsLeavesTheSiloAtItsIdleMemory()
    {
        var deep = "{\"name\":\"x\",\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        var bomb = new StringBuilder("name: bomb\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            bomb.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))).Append("]\n");
        }

        var huge = silo.Spec("loop");
        huge["max_tokens"] = int.MaxValue;
        huge["prefix"]!["length"] = 1e9;
        var bodies = new[] { (deep, "application/json"), (bomb.ToString(), "application/yaml"), (huge.ToJsonString(), "application/json"), ("{\"name\": [", "application/json") };

        // One round first, so that what a refusal allocates once (code, caches) is part of the baseline.
        await RoundAsync();
        var idle = silo.Silo.ResidentBytes;
        for (var round = 0; round < 10; round++)
        {
            await RoundAsync();
        }

        var after = silo.Silo.ResidentBytes;
        Assert.True(after - idle < 200L * 1024 * 1024, $"the silo grew from {idle / 1e6:F0} MB to {after / 1e6:F0} MB over 10 rounds of refused requests");
        await silo.AssertHealthyAsync();

        async Task RoundAsync()
        {
            foreach (var (body, type) in bodies)
            {
                using var response = await silo.SubmitAsync(body, type);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                await silo.AssertHealthyAsync();
            }
        }
    }

    private async Task CancelAsync(string jobId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.Silo.Http, $"api/v1/jobs/{jobId}/cancel"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", HostileSilo.RedKey);
        using var response = await silo.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode);
    }

    /// <summary>A read-only stream without a length, so HttpClient sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;
    }
}
