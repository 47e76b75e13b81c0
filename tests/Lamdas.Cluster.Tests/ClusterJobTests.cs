using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Hosting;
using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cluster.Tests;

/// <summary>Whole jobs on three silos with workers, against the same job on one in-process silo.</summary>
[Integration]
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
    [InlineData("dsir")]
    public async Task ThreeSilosWriteTheSameBytesAsOne(string method)
    {
        var output = _corpus.Output(method);
        var extra = method == "lamdas"
            ? $"model: {RepoPaths.TinyModel}\nprefix: {{ reference: {Path.Combine(_corpus.Root, "reference.jsonl")}, length: 4, epochs: 1 }}"
            : $"reference: {Path.Combine(_corpus.Root, "reference.jsonl")}";
        var spec = _corpus.Spec("same-" + method, method, output, extra);

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
