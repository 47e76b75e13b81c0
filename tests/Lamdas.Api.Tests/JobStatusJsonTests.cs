using System.Text.Json;
using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;

namespace Lamdas.Api.Tests;

/// <summary>The job status as the API writes it: a cascade job's pilot and the documents that reached the LLM.</summary>
public sealed class JobStatusJsonTests
{
    private static readonly CascadePilot Pilot = new()
    {
        Method = "dsir",
        TargetRecall = 0.99,
        Confidence = 0.95,
        Documents = 4000,
        Kept = 1200,
        Cut = -3.5,
        PassRate = 0.25,
        Recall = 0.995,
        RecallLower = 0.9912,
        CandidateTokensPerDocument = 812.5,
        ScoredTokensPerDocument = 640,
        Rounds = 2,
    };

    private static JsonElement Write(JobStatus status) =>
        JsonDocument.Parse(JsonSerializer.Serialize(status, LamdasApiJson.Options)).RootElement.Clone();

    [Fact]
    public void ACascadeJobsStatusHasThePilotsFiguresAndTheDocumentsThatReachedTheLlm()
    {
        var json = Write(new JobStatus { JobId = "job-1", Documents = 1000, ModelDocuments = 260, Cascade = Pilot });

        Assert.Equal(260, json.GetProperty("model_documents").GetInt64());
        Assert.Equal(1000, json.GetProperty("documents").GetInt64());
        var cascade = json.GetProperty("cascade");
        Assert.Equal("dsir", cascade.GetProperty("method").GetString());
        Assert.Equal(-3.5, cascade.GetProperty("cut").GetDouble());
        Assert.Equal(0.25, cascade.GetProperty("pilot_pass_rate").GetDouble());
        Assert.Equal(0.995, cascade.GetProperty("recall").GetDouble());
        Assert.Equal(0.9912, cascade.GetProperty("recall_lower").GetDouble());
        Assert.Equal(0.95, cascade.GetProperty("confidence").GetDouble());
        Assert.Equal(0.99, cascade.GetProperty("target_recall").GetDouble());
        Assert.Equal(4000, cascade.GetProperty("pilot_documents").GetInt32());
        Assert.Equal(1200, cascade.GetProperty("pilot_kept").GetInt32());
        Assert.Equal(2, cascade.GetProperty("rounds").GetInt32());
        Assert.Equal(812.5, cascade.GetProperty("candidate_tokens_per_document").GetDouble());
        Assert.Equal(640, cascade.GetProperty("scored_tokens_per_document").GetDouble());
        Assert.False(cascade.TryGetProperty("note", out _));
    }

    [Fact]
    public void APilotWithoutACutWritesANullCutAndItsNote()
    {
        var json = Write(new JobStatus { JobId = "job-2", Cascade = Pilot with { Cut = null, Note = "no cut keeps a recall of at least 0.99" }, ModelDocuments = 0 });

        var cascade = json.GetProperty("cascade");
        Assert.Equal(JsonValueKind.Null, cascade.GetProperty("cut").ValueKind);
        Assert.Equal("no cut keeps a recall of at least 0.99", cascade.GetProperty("note").GetString());
        Assert.Equal(0, json.GetProperty("model_documents").GetInt64());
    }

    [Fact]
    public void AJobWithoutACascadeWritesNulls()
    {
        var json = Write(new JobStatus { JobId = "job-3", Documents = 10 });

        Assert.Equal(JsonValueKind.Null, json.GetProperty("cascade").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("model_documents").ValueKind);
    }

    [Fact]
    public void AWaitingJobsStatusHasItsQueuePositionAndWaitAndNoFirstLease()
    {
        var json = Write(new JobStatus { JobId = "job-1", Phase = JobPhase.Scoring, WaitSeconds = 12.5, QueuePosition = 3 });

        Assert.Equal(3, json.GetProperty("queue_position").GetInt32());
        Assert.Equal(12.5, json.GetProperty("wait_seconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("first_lease_utc").ValueKind);
    }

    [Fact]
    public void AStartedJobsStatusHasItsFirstLeaseAndNoQueuePosition()
    {
        var submitted = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var json = Write(new JobStatus { JobId = "job-1", SubmittedUtc = submitted, FirstLeaseUtc = submitted.AddSeconds(4), WaitSeconds = 4 });

        Assert.Equal(submitted.AddSeconds(4), json.GetProperty("first_lease_utc").GetDateTimeOffset());
        Assert.Equal(4, json.GetProperty("wait_seconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("queue_position").ValueKind);
    }

    [Fact]
    public void InFlightCountsAndThePrefixTrainingHaveTheirOwnFields()
    {
        var json = Write(new JobStatus
        {
            JobId = "job-4",
            Phase = JobPhase.Preparing,
            Documents = 100,
            InFlightDocuments = 17,
            InFlightSelected = 4,
            InFlightQuarantined = 1,
            InFlightTokens = 1700,
            InFlightBytes = 9000,
            PrefixTraining = new PrefixTrainingProgress { Epoch = 0, Epochs = 10, HeldOutNll = 3.5, HeldOut = true },
        });

        Assert.Equal(100, json.GetProperty("documents").GetInt64());
        Assert.Equal(17, json.GetProperty("in_flight_documents").GetInt64());
        Assert.Equal(4, json.GetProperty("in_flight_selected").GetInt64());
        Assert.Equal(1, json.GetProperty("in_flight_quarantined").GetInt64());
        Assert.Equal(1700, json.GetProperty("in_flight_tokens").GetInt64());
        Assert.Equal(9000, json.GetProperty("in_flight_bytes").GetInt64());
        var prefix = json.GetProperty("prefix_training");
        Assert.Equal(0, prefix.GetProperty("epoch").GetInt32());
        Assert.Equal(10, prefix.GetProperty("epochs").GetInt32());
        Assert.Equal(JsonValueKind.Null, prefix.GetProperty("train_nll").ValueKind);
        Assert.Equal(3.5, prefix.GetProperty("held_out_nll").GetDouble());
        Assert.True(prefix.GetProperty("held_out").GetBoolean());
        Assert.Equal(JsonValueKind.Null, prefix.GetProperty("seconds_per_epoch").ValueKind);
        Assert.Equal(JsonValueKind.Null, Write(new JobStatus { JobId = "job-5" }).GetProperty("prefix_training").ValueKind);
    }
}
