using System.Globalization;
using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;
using Xunit.Abstractions;

namespace Lamdas.Cluster.Tests;

/// <summary>
/// Fair share on three silos: team a's long job is running when team b submits a small one; b's job gets workers at
/// once (its team holds none) and ends long before a's, in a small multiple of the time it takes alone.
/// </summary>
[Integration]
public sealed class FairShareTests(WorkerClusterFixture fixture, ITestOutputHelper output) : IClassFixture<WorkerClusterFixture>, IDisposable
{
    /// <summary>How much longer than alone team b's job may take beside team a's (it has one or two workers of three instead of three).</summary>
    private const double MaxSlowdown = 6;

    /// <summary>
    /// Seconds allowed on top: a job of a few shards takes well under a second alone, and beside team a's the worker it
    /// gets may first finish a shard in hand. First in, first out, team b's job waited about half of team a's run.
    /// </summary>
    private const double SlackSeconds = 3;

    private readonly Corpus _long = new(files: 40, recordsPerFile: 1000);
    private readonly Corpus _small = new(files: 2, recordsPerFile: 40);

    private async Task<JobStatus> SubmitAsync(string team, Corpus corpus, string name)
    {
        var jobId = $"job-{name}-{Guid.NewGuid():N}";
        var spec = corpus.Spec(name, "dsir", corpus.Output(name), $"reference: {Path.Combine(corpus.Root, "reference.jsonl")}");
        return await fixture.Cluster.Client.GetGrain<IJobCoordinatorGrain>(jobId)
            .SubmitAsync(new JobSubmission { JobId = jobId, Team = team, Spec = spec, SubmittedUtc = DateTimeOffset.UtcNow });
    }

    private async Task<JobStatus> WaitAsync(JobStatus status, Func<JobStatus, bool> until, TimeSpan limit)
    {
        var coordinator = fixture.Cluster.Client.GetGrain<IJobCoordinatorGrain>(status.JobId);
        var deadline = DateTime.UtcNow + limit;
        while (!until(status) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            status = await coordinator.GetStatusAsync();
        }

        Assert.True(until(status), $"job {status.Name}: {status.Phase}, {status.ShardsDone}/{status.ShardsTotal} after {limit.TotalSeconds:F0} s");
        return status;
    }

    private static double Seconds(JobStatus s) => (s.FinishedUtc!.Value - s.SubmittedUtc).TotalSeconds;

    private static string F(double seconds) => seconds.ToString("F1", CultureInfo.InvariantCulture);

    [Fact]
    public async Task ASmallJobOfAnotherTeamFinishesSoonWhileALongJobRuns()
    {
        // A first job warms the silos up (code paths, the fitting of statistics); then team b's job alone on the three workers.
        var warm = await WaitAsync(await SubmitAsync("b", _small, "warm-up"), s => s.IsFinished, TimeSpan.FromMinutes(2));
        Assert.Equal(JobPhase.Succeeded, warm.Phase);
        var solo = await WaitAsync(await SubmitAsync("b", _small, "small-solo"), s => s.IsFinished, TimeSpan.FromMinutes(2));
        Assert.Equal(JobPhase.Succeeded, solo.Phase);

        // Team a's long job first, holding every worker; then team b's job, the same work into another folder.
        var longJob = await SubmitAsync("a", _long, "long");
        longJob = await WaitAsync(longJob, s => s.ShardsDone >= 3 && s.ShardsLeased > 0, TimeSpan.FromMinutes(1));
        var shared = await SubmitAsync("b", _small, "small-shared");
        shared = await WaitAsync(shared, s => s.IsFinished, TimeSpan.FromMinutes(2));
        var longDone = await WaitAsync(longJob, s => s.IsFinished, TimeSpan.FromMinutes(3));

        Assert.Equal(JobPhase.Succeeded, shared.Phase);
        Assert.Equal(JobPhase.Succeeded, longDone.Phase);
        output.WriteLine($"team b's job ({solo.ShardsTotal} shards) alone:            {F(Seconds(solo))} s (first worker after {F(solo.WaitSeconds)} s)");
        output.WriteLine($"team b's job beside team a's long job:   {F(Seconds(shared))} s (first worker after {F(shared.WaitSeconds)} s)");
        output.WriteLine($"team a's long job ({longDone.ShardsTotal} shards):          {F(Seconds(longDone))} s; it still had " +
            $"{F((longDone.FinishedUtc!.Value - shared.FinishedUtc!.Value).TotalSeconds)} s to run when b's ended");

        Assert.True(shared.FinishedUtc < longDone.FinishedUtc, "team b's small job did not finish before team a's long job");
        Assert.True(Seconds(shared) <= (MaxSlowdown * Seconds(solo)) + SlackSeconds,
            $"team b's job took {F(Seconds(shared))} s beside team a's, more than {MaxSlowdown} times its {F(Seconds(solo))} s alone plus {SlackSeconds} s");
        Assert.NotNull(shared.FirstLeaseUtc);
        Assert.Null(shared.QueuePosition);
    }

    public void Dispose()
    {
        _long.Dispose();
        _small.Dispose();
    }
}
