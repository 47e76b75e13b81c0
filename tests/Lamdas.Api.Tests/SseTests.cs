using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Lamdas.Api.Events;
using Lamdas.Cluster.Messages;

namespace Lamdas.Api.Tests;

public sealed class SseTests
{
    private static readonly EventPumpTimings Fast = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(20));

    private static JobStatus Status(JobPhase phase, int done = 0) => new()
    {
        JobId = "job-1",
        Team = "research",
        Name = "job",
        Phase = phase,
        ShardsTotal = 4,
        ShardsDone = done,
        WorkerTokensPerSecond = new Dictionary<string, double> { ["Silo-A"] = 1.5 },
    };

    [Fact]
    public void EventHasNameDataAndBlankLine() =>
        Assert.Equal("event: progress\ndata: {\"a\":1}\n\n", SseFormatter.Event("progress", "{\"a\":1}"));

    [Fact]
    public void MultiLineDataBecomesSeveralDataLines() =>
        Assert.Equal("event: x\ndata: one\ndata: two\ndata: three\n\n", SseFormatter.Event("x", "one\ntwo\r\nthree"));

    [Fact]
    public void EventNamesCannotBreakTheFraming()
    {
        Assert.Equal("event: a b\ndata: d\n\n", SseFormatter.Event("a\nb", "d"));
        Assert.Equal("event: message\ndata: d\n\n", SseFormatter.Event("", "d"));
    }

    [Fact]
    public void CommentIsAColonLine() => Assert.Equal(": heartbeat\n\n", SseFormatter.Comment("heartbeat"));

    [Fact]
    public void StatusDataIsOneLineOfSnakeCaseJson()
    {
        var text = SseFormatter.Status("finished", Status(JobPhase.Succeeded, 4));
        var lines = text.Split('\n');
        Assert.Equal("event: finished", lines[0]);
        Assert.StartsWith("data: {", lines[1], StringComparison.Ordinal);
        Assert.Equal(["", ""], lines[2..]);
        using var json = JsonDocument.Parse(lines[1]["data: ".Length..]);
        var root = json.RootElement;
        Assert.Equal("job-1", root.GetProperty("job_id").GetString());
        Assert.Equal("succeeded", root.GetProperty("phase").GetString());
        Assert.Equal(4, root.GetProperty("shards_done").GetInt32());
        Assert.True(root.GetProperty("is_finished").GetBoolean());
        Assert.Equal(1.5, root.GetProperty("worker_tokens_per_second").GetProperty("Silo-A").GetDouble());
    }

    [Fact]
    public async Task AlreadyFinishedJobSendsOneFinishedEvent()
    {
        var sink = new Sink();
        var channel = Channel.CreateUnbounded<JobEvent>();
        await JobEventPump.RunAsync(Status(JobPhase.Cancelled), channel.Reader, sink.Write, () => throw new InvalidOperationException(), Fast, CancellationToken.None);
        Assert.Equal(["finished"], sink.Events);
    }

    [Fact]
    public async Task StatusThenStreamEventsUntilFinished()
    {
        var sink = new Sink();
        var channel = Channel.CreateUnbounded<JobEvent>();
        var now = DateTimeOffset.UtcNow;
        channel.Writer.TryWrite(new JobEvent("phase", Status(JobPhase.Scoring), now));
        channel.Writer.TryWrite(new JobEvent("progress", Status(JobPhase.Scoring, 2), now));
        channel.Writer.TryWrite(new JobEvent("finished", Status(JobPhase.Succeeded, 4), now));
        channel.Writer.TryWrite(new JobEvent("progress", Status(JobPhase.Succeeded, 4), now));
        var timeout = new EventPumpTimings(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));
        await JobEventPump.RunAsync(Status(JobPhase.Planning), channel.Reader, sink.Write, () => Task.FromResult(Status(JobPhase.Planning)), timeout, CancellationToken.None);
        Assert.Equal(["status", "phase", "progress", "finished"], sink.Events);
        Assert.Contains("\"phase\":\"succeeded\"", sink.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinishedPhaseEndsTheStreamWhateverTheKind()
    {
        var sink = new Sink();
        var channel = Channel.CreateUnbounded<JobEvent>();
        channel.Writer.TryWrite(new JobEvent("progress", Status(JobPhase.Failed), DateTimeOffset.UtcNow));
        await JobEventPump.RunAsync(Status(JobPhase.Scoring), channel.Reader, sink.Write, () => Task.FromResult(Status(JobPhase.Scoring)), Fast, CancellationToken.None);
        Assert.Equal(["status", "finished"], sink.Events);
    }

    [Fact]
    public async Task IdleStreamSendsHeartbeatsAndNoticesTheJobFinishing()
    {
        var sink = new Sink();
        var channel = Channel.CreateUnbounded<JobEvent>();
        var reads = 0;
        Task<JobStatus> Refresh() => Task.FromResult(++reads < 3 ? Status(JobPhase.Scoring) : Status(JobPhase.Succeeded, 4));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await JobEventPump.RunAsync(Status(JobPhase.Scoring), channel.Reader, sink.Write, Refresh, Fast, limit.Token);
        Assert.Equal(["status", "finished"], sink.Events);
        Assert.True(sink.Heartbeats >= 3, $"heartbeats: {sink.Heartbeats}");
    }

    [Fact]
    public async Task ClosedStreamFallsBackToPollingTheStatus()
    {
        var sink = new Sink();
        var channel = Channel.CreateUnbounded<JobEvent>();
        channel.Writer.TryComplete(new InvalidOperationException("no stream provider"));
        var reads = 0;
        Task<JobStatus> Refresh()
        {
            reads++;
            return Task.FromResult(reads switch
            {
                1 => Status(JobPhase.Scoring, 1),
                2 => Status(JobPhase.Scoring, 1),
                3 => Status(JobPhase.Scoring, 3),
                _ => Status(JobPhase.Succeeded, 4),
            });
        }

        var slowHeartbeat = new EventPumpTimings(TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(10));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await JobEventPump.RunAsync(Status(JobPhase.Scoring), channel.Reader, sink.Write, Refresh, slowHeartbeat, limit.Token);
        Assert.Equal(["status", "progress", "progress", "finished"], sink.Events);
        Assert.Equal(0, sink.Heartbeats);
    }

    [Fact]
    public async Task ClientDisconnectEndsThePump()
    {
        var sink = new Sink();
        var channel = Channel.CreateUnbounded<JobEvent>();
        using var disconnect = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            JobEventPump.RunAsync(Status(JobPhase.Scoring), channel.Reader, sink.Write, () => Task.FromResult(Status(JobPhase.Scoring)), Fast, disconnect.Token));
        Assert.Equal("status", sink.Events[0]);
    }

    [Fact]
    public async Task FailingRefreshIsRetried()
    {
        var sink = new Sink();
        var channel = Channel.CreateUnbounded<JobEvent>();
        var reads = 0;
        Task<JobStatus> Refresh() => ++reads < 3 ? throw new TimeoutException("silo busy") : Task.FromResult(Status(JobPhase.Succeeded, 4));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await JobEventPump.RunAsync(Status(JobPhase.Scoring), channel.Reader, sink.Write, Refresh, Fast, limit.Token);
        Assert.Equal(["status", "finished"], sink.Events);
    }

    private sealed class Sink
    {
        private readonly StringBuilder _text = new();

        public List<string> Events { get; } = [];

        public int Heartbeats { get; private set; }

        public string Text => _text.ToString();

        public Task Write(string text, CancellationToken ct)
        {
            _text.Append(text);
            if (text.StartsWith(": heartbeat", StringComparison.Ordinal))
            {
                Heartbeats++;
            }
            else
            {
                Events.Add(text.Split('\n')[0]["event: ".Length..]);
            }

            return Task.CompletedTask;
        }
    }
}
