using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cluster.Tests;

/// <summary>Whole jobs on three silos with workers, against the same job on one in-process silo.</summary>
[Integration]
[Collection(TorchThreadsCollection.Name)]
public sealed class ClusterJobTests(WorkerClusterFixture fixture) : IClassFixture<WorkerClusterFixture>, IDisposable
{
    private readonly Corpus _corpus = new(files: 3, recordsPerFile: 30);

    private async Task<JobStatus> RunOnClusterAsync(JobSpec spec)
    {
        var jobId = $"job-{Guid.NewGuid():N}";
        var coordinator = fixture.Cluster.Client.GetGrain<IJobCoordinatorGrain>(jobId);
        var status = await coordinator.SubmitAsync(new JobSubmission { JobId = jobId, Team = "t", Spec = spec, SubmittedUtc = DateTimeOffset.UtcNow });
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (!status.IsFinished && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            status = await coordinator.GetStatusAsync();
        }

        Assert.True(status.IsFinished, $"job did not finish: {status.Phase}, {status.ShardsDone}/{status.ShardsTotal}");
        return status;
    }

    [Theory]
    [InlineData("lamdas")]
    [InlineData("lamdas", "cascade: { pilot: 40, max_pilot: 40, recall: 0.7, confidence: 0.8 }")]
    [InlineData("dsir")]
    public async Task ThreeSilosWriteTheSameBytesAsOne(string method, string cascade = "")
    {
        var name = method + (cascade.Length > 0 ? "-cascade" : "");
        var output = _corpus.Output(name);
        var extra = method == "lamdas"
            ? $"model: {RepoPaths.TinyModel}\nprefix: {{ reference: {Path.Combine(_corpus.Root, "reference.jsonl")}, length: 4, epochs: 1 }}\n{cascade}"
            : $"reference: {Path.Combine(_corpus.Root, "reference.jsonl")}";
        var spec = _corpus.Spec("same-" + name, method, output, extra);

        var single = await new EmbeddedJobRunner(spec, new JobRunnerOptions()).RunAsync(CancellationToken.None);
        Assert.True(single.Succeeded, single.Message);
        var oneSilo = output.TrimEnd('/') + "-one-silo";
        Directory.Move(output, oneSilo);

        var status = await RunOnClusterAsync(spec);
        Assert.Equal(JobPhase.Succeeded, status.Phase);
        Assert.Equal(single.Documents, status.Documents);
        Assert.True(status.ShardsTotal > 3);
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
        OutputFolders.AssertIdentical(oneSilo, output);
        if (cascade.Length > 0)
        {
            // The pilot found a cut: some documents never reached the LLM, on one silo and on three alike.
            var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement.GetProperty("cascade");
            Assert.Equal(System.Text.Json.JsonValueKind.Number, manifest.GetProperty("cut").ValueKind);
            Assert.True(manifest.GetProperty("documents_saved").GetInt64() > 0);
        }

        // A lamdas job with a reference set has a cascade (its defaults when the spec names none): the job status
        // carries the pilot the workers used and the documents that reached the LLM, as the manifest counts them.
        if (method == "lamdas")
        {
            var pilot = System.Text.Json.JsonSerializer.Deserialize<CascadePilot>(File.ReadAllText(Path.Combine(output, "cascade", "pilot.json")));
            var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement.GetProperty("cascade");
            Assert.Equal(pilot, status.Cascade);
            Assert.Equal(manifest.GetProperty("model_documents").GetInt64(), status.ModelDocuments);
        }
        else
        {
            Assert.Null(status.Cascade);
            Assert.Null(status.ModelDocuments);
        }
    }

    [Fact]
    public async Task ThreeSilosWriteEachDomainAsOneSiloDoesAndReuseTheStoreItWrote()
    {
        var output = _corpus.Output("domains");
        var store = Path.Combine(_corpus.Root, "store");
        var second = Path.Combine(_corpus.Root, "reference-b.jsonl");
        File.WriteAllText(second, string.Concat(Enumerable.Range(0, 6).Select(i => $"{{\"id\":\"b{i}\",\"text\":\"the market said the court for the market\"}}\n")));
        string Extra(string cache) => $$"""
            model: {{RepoPaths.TinyModel}}
            cascade: false
            {{cache}}
            domains:
              a: { reference: {{Path.Combine(_corpus.Root, "reference.jsonl")}}, length: 4, epochs: 1 }
              b: { reference: {{second}}, length: 4, epochs: 1 }
            """;

        // Three silos with an empty store write it; one silo then reads every pass back; a run without a store agrees.
        var spec = _corpus.Spec("domains", "lamdas", output, Extra($"cache: {store}"));
        var status = await RunOnClusterAsync(spec);
        Assert.Equal(JobPhase.Succeeded, status.Phase);
        Assert.True(File.Exists(Path.Combine(output, "a", "_SUCCESS")) && File.Exists(Path.Combine(output, "b", "_SUCCESS")));
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
        var threeSilos = output.TrimEnd('/') + "-three-silos";
        Directory.Move(output, threeSilos);
        var entries = Directory.GetFiles(store, "*.lsp", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.NotEmpty(entries);

        var single = await new EmbeddedJobRunner(spec, new JobRunnerOptions()).RunAsync(CancellationToken.None);
        Assert.True(single.Succeeded, single.Message);
        OutputFolders.AssertIdentical(threeSilos, output);
        var after = Directory.GetFiles(store, "*.lsp", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var changed = after.Where(e => !entries.TryGetValue(e.Key, out var written) || written != e.Value).Select(e => Path.GetFileName(e.Key))
            .Concat(entries.Keys.Where(k => !after.ContainsKey(k)).Select(k => Path.GetFileName(k) + " (removed)")).ToList();
        Assert.True(changed.Count == 0, $"the single-silo run changed {changed.Count} of {entries.Count} store entries: {string.Join(", ", changed)}");

        var uncachedOutput = _corpus.Output("domains-uncached");
        var uncached = await new EmbeddedJobRunner(_corpus.Spec("domains", "lamdas", uncachedOutput, Extra("cache: false")), new JobRunnerOptions())
            .RunAsync(CancellationToken.None);
        Assert.True(uncached.Succeeded, uncached.Message);
        foreach (var domain in new[] { "a", "b" })
        {
            foreach (var folder in new[] { "scores", "selected", "prefix" })
            {
                OutputFolders.AssertIdentical(Path.Combine(threeSilos, domain, folder), Path.Combine(uncachedOutput, domain, folder));
            }
        }
    }

    [Fact]
    public async Task EverySiloRunsExactlyOneWorkerOnItself()
    {
        var hosts = await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(3, hosts.Count);
        foreach (var silo in hosts.Keys)
        {
            var status = await fixture.Cluster.Client.GetGrain<IScoringWorkerGrain>(silo.ToParsableString()).GetStatusAsync();
            Assert.Equal(silo.ToParsableString(), status.WorkerId);
        }
    }

    public void Dispose() => _corpus.Dispose();
}
