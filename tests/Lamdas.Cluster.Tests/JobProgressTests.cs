using System.Text.Json;
using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;

namespace Lamdas.Cluster.Tests;

/// <summary>
/// Progress that moves on a real three-silo cluster: the counts of a shard still being scored, and the epochs of the
/// prefix training, reach the job status before the work they belong to is done.
/// </summary>
[Integration]
public sealed class JobProgressTests(WorkerClusterFixture fixture) : IClassFixture<WorkerClusterFixture>
{
    private async Task<(JobStatus Final, List<JobStatus> Seen)> RunAsync(Lamdas.Jobs.Spec.JobSpec spec)
    {
        var jobId = $"progress-{Guid.NewGuid():N}";
        var coordinator = fixture.Cluster.Client.GetGrain<IJobCoordinatorGrain>(jobId);
        var status = await coordinator.SubmitAsync(new JobSubmission { JobId = jobId, Team = "t", Spec = spec, SubmittedUtc = DateTimeOffset.UtcNow });
        var seen = new List<JobStatus> { status };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (!status.IsFinished && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            status = await coordinator.GetStatusAsync();
            seen.Add(status);
        }

        Assert.True(status.IsFinished, $"job did not finish: {status.Phase}, {status.ShardsDone}/{status.ShardsTotal}");
        return (status, seen);
    }

    [Fact]
    public async Task AShardInProgressShowsItsDocumentsBeforeItCommitsAndTheEndCountsEqualTheCommittedOnes()
    {
        // One shard of 1,500 documents scored one document per batch: seconds of work the status must not hide.
        using var corpus = new Corpus(files: 1, recordsPerFile: 1500);
        var spec = corpus.Spec("in-shard", "ppl", corpus.Output("in-shard"), $"model: {RepoPaths.TinyModel}\nbatch_tokens: 16", shardSizeMb: 64);

        var (final, seen) = await RunAsync(spec);

        Assert.Equal(JobPhase.Succeeded, final.Phase);
        Assert.Equal(1, final.ShardsTotal);
        var moving = seen.Where(s => s.ShardsDone == 0 && s.InFlightDocuments > 0).ToList();
        Assert.True(moving.Count >= 2, $"{moving.Count} statuses with in-flight documents before the shard committed");

        // Before the commit nothing is counted as committed, and the in-flight figures only grow.
        Assert.All(moving, s => Assert.Equal((0L, 0L, 0L), (s.Documents, s.Tokens, s.BytesDone)));
        Assert.True(moving[^1].InFlightDocuments > moving[0].InFlightDocuments, $"{moving[0].InFlightDocuments} then {moving[^1].InFlightDocuments}");
        Assert.All(moving, s => Assert.InRange(s.InFlightDocuments, 1, 1500));
        Assert.All(moving, s => Assert.True(s.InFlightTokens > 0 && s.InFlightBytes >= 0 && s.InFlightBytes < s.BytesTotal));
        Assert.True(moving[^1].InFlightBytes > 0);
        Assert.Contains(moving, s => s.WorkerTokensPerSecond.Values.Sum() > 0);

        // At the end: every document once, committed, and nothing left in flight.
        Assert.Equal(1500, final.Documents);
        Assert.Equal((0L, 0L, 0L, 0L), (final.InFlightDocuments, final.InFlightTokens, final.InFlightSelected, final.InFlightBytes));
        Assert.Equal(final.BytesTotal, final.BytesDone);
        var rows = File.ReadLines(Path.Combine(corpus.Output("in-shard"), "selected", "part-00000.jsonl")).Count();
        Assert.Equal(final.Selected, rows);
        Assert.True(rows > 0);
    }

    [Fact]
    public async Task ThePrefixTrainingsEpochsReachTheStatusAsThePrefixRecordsThem()
    {
        using var corpus = new Corpus(files: 2, recordsPerFile: 20);
        var output = corpus.Output("prefix");
        var spec = corpus.Spec("prefix", "lamdas", output,
            $"model: {RepoPaths.TinyModel}\ncascade: false\nprefix: {{ reference: {Path.Combine(corpus.Root, "reference.jsonl")}, length: 4, epochs: 3 }}");

        var (final, seen) = await RunAsync(spec);

        Assert.Equal(JobPhase.Succeeded, final.Phase);
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "prefix", "prefix.json")));
        var epochs = metadata.RootElement.GetProperty("epochs").EnumerateArray().ToList();
        var last = epochs[^1];
        var training = Assert.IsType<PrefixTrainingProgress>(final.PrefixTraining);
        Assert.Equal(last.GetProperty("epoch").GetInt32(), training.Epoch);
        var most = metadata.RootElement.TryGetProperty("cross_validation", out var cv) ? cv.GetProperty("chosen_epochs").GetInt32() : 3;
        Assert.Equal(most, training.Epochs);
        Assert.InRange(training.Epoch, 1, most);
        Assert.Equal(last.GetProperty("train_nll").GetDouble(), training.TrainNll!.Value, 12);
        Assert.Equal(last.GetProperty("validation_nll").GetDouble(), training.HeldOutNll, 12);
        Assert.Equal(metadata.RootElement.GetProperty("validation_held_out").GetBoolean(), training.HeldOut);
        Assert.True(training.SecondsPerEpoch > 0);

        // While the job prepared, the epochs were reported in order (the statuses read every 50 ms catch some of them).
        var during = seen.Where(s => s.Phase == JobPhase.Preparing && s.PrefixTraining is not null).Select(s => s.PrefixTraining!.Epoch).ToList();
        Assert.Equal(during.Order(), during);
    }
}
