using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;

namespace Lamdas.Cluster.Tests;

/// <summary>The coordinator's lease protocol on a real three-silo test cluster (grain storage in memory).</summary>
public sealed class CoordinatorProtocolTests(ProtocolClusterFixture fixture) : IClassFixture<ProtocolClusterFixture>, IDisposable
{
    private readonly Corpus _corpus = new(files: 2, recordsPerFile: 40);

    // The protocol tests let one caller stand for many workers.
    private static WorkerInfo Worker(string id) => new() { WorkerId = id, Capacity = 1000 };

    private async Task<IJobCoordinatorGrain> SubmitAsync(string name)
    {
        var jobId = $"{name}-{Guid.NewGuid():N}";
        var coordinator = fixture.Cluster.Client.GetGrain<IJobCoordinatorGrain>(jobId);
        var status = await coordinator.SubmitAsync(new JobSubmission
        {
            JobId = jobId,
            Team = "t",
            Spec = _corpus.Spec(name, "random", _corpus.Output(jobId)),
            SubmittedUtc = DateTimeOffset.UtcNow,
        });
        Assert.Equal(JobPhase.Scoring, status.Phase);
        Assert.True(status.ShardsTotal > 2, $"expected several shards, got {status.ShardsTotal}");
        return coordinator;
    }

    [Fact]
    public async Task SubmitPlansShardsAndRegistersTheJob()
    {
        var coordinator = await SubmitAsync("plan");
        var plan = await coordinator.GetPlanAsync();
        var status = await coordinator.GetStatusAsync();
        Assert.Equal(status.ShardsTotal, plan.Count);
        Assert.Equal(plan.Sum(p => p.End - p.Start), status.BytesTotal);
        var active = await fixture.Cluster.Client.GetGrain<IJobRegistryGrain>(0).ActiveAsync();
        Assert.Contains(coordinator.GetPrimaryKeyString(), active);
    }

    [Fact]
    public async Task ExpiredLeaseIsLeasedAgainAndTheOldHolderLosesIt()
    {
        var coordinator = await SubmitAsync("expiry");
        var total = (await coordinator.GetStatusAsync()).ShardsTotal;
        var first = await coordinator.LeaseAsync(Worker("a"));
        Assert.Equal(LeaseKind.Shard, first.Kind);
        Assert.Equal(0, first.ShardIndex);

        // Lease every other shard so that only an expired lease can give shard 0 out again.
        for (var i = 1; i < total; i++)
        {
            Assert.Equal(LeaseKind.Shard, (await coordinator.LeaseAsync(Worker("b"))).Kind);
        }

        Assert.Equal(LeaseKind.Wait, (await coordinator.LeaseAsync(Worker("c"))).Kind);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var again = await coordinator.LeaseAsync(Worker("c"));
        Assert.Equal(LeaseKind.Shard, again.Kind);
        Assert.Equal(2, again.Attempt);
        Assert.False(await coordinator.RenewAsync(first.LeaseId));
        Assert.True(await coordinator.RenewAsync(again.LeaseId));
    }

    [Fact]
    public async Task PoisonShardFailsAfterMaxAttemptsAndTheFinalizeLeaseNamesIt()
    {
        var coordinator = await SubmitAsync("poison");
        var total = (await coordinator.GetStatusAsync()).ShardsTotal;
        var bad = await coordinator.LeaseAsync(Worker("a"));
        await coordinator.FailAsync(bad.LeaseId, "cannot read shard");
        var retry = await coordinator.LeaseAsync(Worker("a"));
        Assert.Equal(bad.ShardIndex, retry.ShardIndex);
        await coordinator.FailAsync(retry.LeaseId, "cannot read shard, again");
        Assert.Equal(1, (await coordinator.GetStatusAsync()).ShardsFailed);

        for (var i = 1; i < total; i++)
        {
            var lease = await coordinator.LeaseAsync(Worker("b"));
            Assert.Equal(LeaseKind.Shard, lease.Kind);
            await coordinator.CompleteShardAsync(lease.LeaseId, new ShardCompletion { ShardIndex = lease.ShardIndex, Documents = 1, Worker = "b" });
        }

        var finalize = await coordinator.LeaseAsync(Worker("c"));
        Assert.Equal(LeaseKind.Finalize, finalize.Kind);
        Assert.Equal("cannot read shard, again", finalize.FailedShards[bad.ShardIndex]);
        Assert.Equal(JobPhase.Finalizing, (await coordinator.GetStatusAsync()).Phase);
        Assert.Equal(LeaseKind.Wait, (await coordinator.LeaseAsync(Worker("d"))).Kind);
    }

    [Fact]
    public async Task InterruptionsByTheClusterDoNotUseAttemptsUntilTheInterruptionLimit()
    {
        var coordinator = await SubmitAsync("interrupted");
        var first = await coordinator.LeaseAsync(Worker("a"));
        var shard = first.ShardIndex;

        // Two interruptions (the fixture's limit) leave the shard on its first attempt.
        await coordinator.InterruptedAsync(first.LeaseId, "SiloUnavailableException: silo S1 is dead");
        var second = await coordinator.LeaseAsync(Worker("a"));
        Assert.Equal((shard, 1), (second.ShardIndex, second.Attempt));
        await coordinator.InterruptedAsync(second.LeaseId, "LeaseNotHeldException: aggregator restarted");
        var third = await coordinator.LeaseAsync(Worker("a"));
        Assert.Equal((shard, 1), (third.ShardIndex, third.Attempt));

        // Past the limit an interruption is an ordinary failure: one more attempt, then the shard fails.
        await coordinator.InterruptedAsync(third.LeaseId, "SiloUnavailableException: again");
        var fourth = await coordinator.LeaseAsync(Worker("a"));
        Assert.Equal((shard, 2), (fourth.ShardIndex, fourth.Attempt));
        Assert.Equal(0, (await coordinator.GetStatusAsync()).ShardsFailed);
        await coordinator.InterruptedAsync(fourth.LeaseId, "SiloUnavailableException: and again");
        Assert.Equal(1, (await coordinator.GetStatusAsync()).ShardsFailed);
    }

    private static ShardProgress Progress(ShardLease lease, long documents, string worker) => new()
    {
        ShardIndex = lease.ShardIndex,
        Documents = documents,
        Selected = documents / 2,
        Tokens = documents * 10,
        Seconds = 1,
        Worker = worker,
    };

    /// <summary>Reads the status until it satisfies <paramref name="done"/> (progress reports are one-way calls).</summary>
    private static async Task<JobStatus> UntilAsync(IJobCoordinatorGrain coordinator, Func<JobStatus, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var status = await coordinator.GetStatusAsync();
            if (done(status))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}: {status.InFlightDocuments} in flight, {status.Documents} committed");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task InFlightCountsStayApartFromCommittedOnesAndALostLeaseTakesItsShareWithIt()
    {
        var coordinator = await SubmitAsync("in-flight");
        var a = await coordinator.LeaseAsync(Worker("a"));
        var b = await coordinator.LeaseAsync(Worker("b"));
        await coordinator.ReportShardProgressAsync(a.LeaseId, Progress(a, 7, "a"));
        await coordinator.ReportShardProgressAsync(b.LeaseId, Progress(b, 4, "b"));
        var status = await UntilAsync(coordinator, s => s.InFlightDocuments == 11, "both reports");
        Assert.Equal((0L, 0L, 0L), (status.Documents, status.Selected, status.Tokens));
        Assert.Equal((5L, 110L), (status.InFlightSelected, status.InFlightTokens));
        Assert.Equal(70.0, status.WorkerTokensPerSecond["a"]);

        // Running totals, not increments: a later report replaces the lease's figures. A report naming another shard
        // than its lease's, or from a lease never issued, is ignored; so is a negative count.
        await coordinator.ReportShardProgressAsync(a.LeaseId, Progress(b, 1000, "a"));
        await coordinator.ReportShardProgressAsync($"{a.ShardIndex}.9.{Guid.NewGuid():N}", Progress(a, 1000, "x"));
        await coordinator.ReportShardProgressAsync(b.LeaseId, Progress(b, -5, "b"));
        await coordinator.ReportShardProgressAsync(a.LeaseId, Progress(a, 9, "a"));
        status = await UntilAsync(coordinator, s => s.InFlightDocuments != 11, "the new report of a");
        Assert.Equal(13, status.InFlightDocuments);

        // Lease a fails: its in-flight documents are dropped at once, and a late report of it changes nothing.
        await coordinator.FailAsync(a.LeaseId, "cannot read shard");
        Assert.Equal(4, (await coordinator.GetStatusAsync()).InFlightDocuments);
        await coordinator.ReportShardProgressAsync(a.LeaseId, Progress(a, 30, "a"));
        await coordinator.ReportShardProgressAsync(b.LeaseId, Progress(b, 6, "b"));
        status = await UntilAsync(coordinator, s => s.InFlightDocuments != 4, "b's next report");
        Assert.Equal(6, status.InFlightDocuments);

        // Shard b commits: its documents count once, as committed.
        await coordinator.CompleteShardAsync(b.LeaseId, new ShardCompletion { ShardIndex = b.ShardIndex, Documents = 40, Selected = 12, Tokens = 400, Worker = "b" });
        status = await coordinator.GetStatusAsync();
        Assert.Equal((40L, 12L, 400L), (status.Documents, status.Selected, status.Tokens));
        Assert.Equal((0L, 0L), (status.InFlightDocuments, status.InFlightTokens));

        // Shard a again, on its second attempt: only this lease's figures count; then it expires without renewal and
        // its share goes too, leaving the committed count as it was.
        var retry = await coordinator.LeaseAsync(Worker("c"));
        Assert.Equal((a.ShardIndex, 2), (retry.ShardIndex, retry.Attempt));
        await coordinator.ReportShardProgressAsync(retry.LeaseId, Progress(retry, 3, "c"));
        await UntilAsync(coordinator, s => s.InFlightDocuments == 3, "the retry's report");
        status = await UntilAsync(coordinator, s => s.ShardsLeased == 0, "the retry's lease to expire");
        Assert.Equal((40L, 0L), (status.Documents, status.InFlightDocuments));
    }

    [Fact]
    public async Task AnAggregatorThatDoesNotKnowALeaseSaysSoWithATypedException()
    {
        // The worker tells an interruption from a faulty shard by this exception type, so it must cross the wire.
        var aggregator = fixture.Cluster.Client.GetGrain<IAggregatorGrain>($"unknown-{Guid.NewGuid():N}/0");
        var error = await Assert.ThrowsAsync<Lamdas.Cluster.Errors.LeaseNotHeldException>(() => aggregator.CommitAsync("3.1.unknown"));
        Assert.Contains("3.1.unknown", error.Message, StringComparison.Ordinal);
        Assert.True(Lamdas.Cluster.Workers.ClusterInterruptions.IsInterruption(error));
    }

    [Fact]
    public async Task AWorkerGetsNoMoreShardsAtOnceThanItsCapacity()
    {
        var coordinator = await SubmitAsync("capacity");
        var single = new WorkerInfo { WorkerId = "one-gpu", Capacity = 1 };
        var first = await coordinator.LeaseAsync(single);
        Assert.Equal(LeaseKind.Shard, first.Kind);
        Assert.Equal(LeaseKind.Wait, (await coordinator.LeaseAsync(single)).Kind);

        var dual = new WorkerInfo { WorkerId = "two-gpus", Capacity = 2 };
        Assert.Equal(LeaseKind.Shard, (await coordinator.LeaseAsync(dual)).Kind);
        Assert.Equal(LeaseKind.Shard, (await coordinator.LeaseAsync(dual)).Kind);
        Assert.Equal(LeaseKind.Wait, (await coordinator.LeaseAsync(dual)).Kind);

        await coordinator.CompleteShardAsync(first.LeaseId, new ShardCompletion { ShardIndex = first.ShardIndex, Worker = "one-gpu" });
        Assert.Equal(LeaseKind.Shard, (await coordinator.LeaseAsync(single)).Kind);
    }

    [Fact]
    public async Task DuplicateCompletionIsCountedOnce()
    {
        var coordinator = await SubmitAsync("dup");
        var lease = await coordinator.LeaseAsync(Worker("a"));
        var completion = new ShardCompletion { ShardIndex = lease.ShardIndex, Documents = 7, Tokens = 70, Worker = "a" };
        await coordinator.CompleteShardAsync(lease.LeaseId, completion);
        await coordinator.CompleteShardAsync(lease.LeaseId, completion);
        var status = await coordinator.GetStatusAsync();
        Assert.Equal(1, status.ShardsDone);
        Assert.Equal(7, status.Documents);
    }

    [Fact]
    public async Task StatusCarriesTheCascadePilotAndSumsTheDocumentsThatReachedTheLlm()
    {
        var jobId = $"cascade-{Guid.NewGuid():N}";
        var coordinator = fixture.Cluster.Client.GetGrain<IJobCoordinatorGrain>(jobId);
        var reference = Path.Combine(_corpus.Root, "reference.jsonl");
        var status = await coordinator.SubmitAsync(new JobSubmission
        {
            JobId = jobId,
            Team = "t",
            Spec = _corpus.Spec("cascade", "lamdas", _corpus.Output(jobId),
                $"model: {RepoPaths.TinyModel}\nprefix: {{ reference: {reference}, length: 4, epochs: 1 }}\ncascade: {{ method: tfidf, pilot: 40 }}"),
            SubmittedUtc = DateTimeOffset.UtcNow,
        });
        Assert.Equal(JobPhase.Preparing, status.Phase);
        Assert.Null(status.Cascade);
        Assert.Equal(0, status.ModelDocuments);

        // The preparing worker reports the pilot with the provenance; the status shows it from then on.
        var pilot = new CascadePilot
        {
            Method = "tfidf",
            TargetRecall = 0.99,
            Confidence = 0.95,
            Documents = 40,
            Kept = 12,
            Cut = 0.125,
            PassRate = 0.4,
            Recall = 1,
            RecallLower = 0.78,
            CandidateTokensPerDocument = 21.5,
            ScoredTokensPerDocument = 20,
            Rounds = 1,
        };
        var prepare = await coordinator.LeaseAsync(Worker("a"));
        Assert.Equal(LeaseKind.Prepare, prepare.Kind);
        await coordinator.CompletePreparationAsync(prepare.LeaseId, new JobProvenance { Cascade = pilot });
        status = await coordinator.GetStatusAsync();
        Assert.Equal(JobPhase.Scoring, status.Phase);
        Assert.Equal(pilot, status.Cascade);

        // Two shards: 10 documents of which 4 reached the LLM, then 7 of which 3 did.
        var first = await coordinator.LeaseAsync(Worker("a"));
        var second = await coordinator.LeaseAsync(Worker("b"));
        await coordinator.CompleteShardAsync(first.LeaseId, new ShardCompletion { ShardIndex = first.ShardIndex, Documents = 10, ModelDocuments = 4, Worker = "a" });
        await coordinator.CompleteShardAsync(second.LeaseId, new ShardCompletion { ShardIndex = second.ShardIndex, Documents = 7, ModelDocuments = 3, Worker = "b" });
        status = await coordinator.GetStatusAsync();
        Assert.Equal(17, status.Documents);
        Assert.Equal(7, status.ModelDocuments);
        Assert.Equal(pilot, status.Cascade);
    }

    [Fact]
    public async Task StatusOfAJobWithoutACascadeHasNoPilotAndNoModelDocuments()
    {
        var coordinator = await SubmitAsync("plain");
        var lease = await coordinator.LeaseAsync(Worker("a"));
        await coordinator.CompleteShardAsync(lease.LeaseId, new ShardCompletion { ShardIndex = lease.ShardIndex, Documents = 5, Worker = "a" });
        var status = await coordinator.GetStatusAsync();
        Assert.Equal(5, status.Documents);
        Assert.Null(status.Cascade);
        Assert.Null(status.ModelDocuments);
    }

    [Fact]
    public async Task CancelStopsLeasingRevokesLeasesAndLeavesTheActiveList()
    {
        var coordinator = await SubmitAsync("cancel");
        var lease = await coordinator.LeaseAsync(Worker("a"));
        var status = await coordinator.CancelAsync("changed my mind");
        Assert.Equal(JobPhase.Cancelled, status.Phase);
        Assert.Contains("changed my mind", status.Message, StringComparison.Ordinal);
        Assert.False(await coordinator.RenewAsync(lease.LeaseId));
        Assert.Equal(LeaseKind.Finished, (await coordinator.LeaseAsync(Worker("b"))).Kind);
        var active = await fixture.Cluster.Client.GetGrain<IJobRegistryGrain>(0).ActiveAsync();
        Assert.DoesNotContain(coordinator.GetPrimaryKeyString(), active);
    }

    [Fact]
    public async Task ResubmittingTheSameSpecIsIdempotentAndADifferentSpecIsRefused()
    {
        var coordinator = await SubmitAsync("idem");
        var jobId = coordinator.GetPrimaryKeyString();
        var first = await coordinator.GetStatusAsync();
        var spec = _corpus.Spec("idem", "random", _corpus.Output(jobId));
        var again = await coordinator.SubmitAsync(new JobSubmission { JobId = jobId, Team = "t", Spec = spec });
        Assert.Equal(first.ShardsTotal, again.ShardsTotal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => coordinator.SubmitAsync(
            new JobSubmission { JobId = jobId, Team = "t", Spec = _corpus.Spec("other", "random", _corpus.Output(jobId)) }));
    }

    public void Dispose() => _corpus.Dispose();
}
