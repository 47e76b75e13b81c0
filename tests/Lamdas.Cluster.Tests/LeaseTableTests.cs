using Lamdas.Cluster.Coordination;
using Lamdas.Cluster.Messages;
using Lamdas.Formats;

namespace Lamdas.Cluster.Tests;

public sealed class LeaseTableTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private static List<ShardRecord> Shards(int n) =>
        Enumerable.Range(0, n).Select(i => new ShardRecord { Plan = new ShardSpec($"file:///in/{i}.jsonl", RecordFormat.Jsonl, 0, 100, null) }).ToList();

    private static ShardCompletion Done(int shard) => new() { ShardIndex = shard, Documents = 10 };

    [Fact]
    public void LeasesShardsInPlanOrderAndEachOnce()
    {
        var table = new LeaseTable(Shards(3), Duration, 3, new ManualTime());
        var leased = Enumerable.Range(0, 3).Select(_ => table.TryLease("w")!.Value.Shard).ToList();
        Assert.Equal([0, 1, 2], leased);
        Assert.Null(table.TryLease("w"));
        Assert.Equal(3, table.Leased);
    }

    [Fact]
    public void ExpiredLeaseIsReclaimedAndLeasedAgainWithANewAttempt()
    {
        var time = new ManualTime();
        var table = new LeaseTable(Shards(1), Duration, 3, time);
        var first = table.TryLease("w1")!.Value;
        time.Advance(Duration - TimeSpan.FromSeconds(1));
        Assert.Null(table.TryLease("w2"));
        time.Advance(TimeSpan.FromSeconds(2));
        var second = table.TryLease("w2")!.Value;
        Assert.Equal(0, second.Shard);
        Assert.Equal(2, second.Attempt);
        Assert.NotEqual(first.LeaseId, second.LeaseId);
        Assert.Equal(0, table.Failed);
    }

    [Fact]
    public void RenewalKeepsALeaseAlivePastItsFirstExpiry()
    {
        var time = new ManualTime();
        var table = new LeaseTable(Shards(1), Duration, 3, time);
        var lease = table.TryLease("w1")!.Value;
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(20));
            Assert.True(table.Renew(lease.LeaseId));
        }

        Assert.Equal(0, table.ReclaimExpired());
        Assert.Null(table.TryLease("w2"));
    }

    [Fact]
    public void ShardThatFailsEveryAttemptIsFailedWithItsLastReason()
    {
        var table = new LeaseTable(Shards(2), Duration, 2, new ManualTime());
        var a = table.TryLease("w")!.Value;
        table.Fail(a.LeaseId, "boom 1");
        var b = table.TryLease("w")!.Value;
        Assert.Equal(0, b.Shard);
        table.Fail(b.LeaseId, "boom 2");
        Assert.Equal(1, table.Failed);
        var next = table.TryLease("w")!.Value;
        Assert.Equal(1, next.Shard);
        Assert.True(table.Complete(next.LeaseId, 1, Done(1)));
        Assert.True(table.Finished);
    }

    [Fact]
    public void AShardIsCountedDoneOnceEvenWhenTwoLeasesCompleteIt()
    {
        var time = new ManualTime();
        var table = new LeaseTable(Shards(1), Duration, 3, time);
        var slow = table.TryLease("slow")!.Value;
        time.Advance(Duration + TimeSpan.FromSeconds(1));
        var fast = table.TryLease("fast")!.Value;
        Assert.True(table.Complete(fast.LeaseId, 0, Done(0)));
        Assert.False(table.Complete(slow.LeaseId, 0, Done(0)));
        Assert.Equal(1, table.Done);
        Assert.False(table.Renew(slow.LeaseId));
    }

    [Fact]
    public void RestartedTableTreatsOldLeasesAsPendingAndLetsTheirHoldersAdoptThem()
    {
        var shards = Shards(2);
        var before = new LeaseTable(shards, Duration, 3, new ManualTime());
        var lease = before.TryLease("w1")!.Value;

        var after = new LeaseTable(shards, Duration, 3, new ManualTime());
        Assert.True(after.Renew(lease.LeaseId));
        Assert.Equal(1, after.TryLease("w2")!.Value.Shard);
        Assert.Null(after.TryLease("w3"));
        Assert.True(after.Complete(lease.LeaseId, 0, Done(0)));
    }

    [Fact]
    public void LeaseGivenBackOnShutdownIsLeasedAgainWithoutUsingUpAnAttempt()
    {
        var table = new LeaseTable(Shards(2), Duration, 1, new ManualTime());
        var lease = table.TryLease("leaving")!.Value;
        table.GiveBack(lease.LeaseId);
        var again = table.TryLease("staying")!.Value;
        Assert.Equal(lease.Shard, again.Shard);
        Assert.Equal(1, again.Attempt);
        Assert.Equal(0, table.Failed);
        Assert.False(table.Renew(lease.LeaseId));
    }

    [Fact]
    public void InterruptedLeaseIsLeasedAgainWithoutAnAttemptUntilTheLimitThenCountsAsAFailure()
    {
        var table = new LeaseTable(Shards(1), Duration, 2, new ManualTime(), maxInterruptions: 1);
        var lease = table.TryLease("w1")!.Value;
        Assert.False(table.Interrupt(lease.LeaseId, "silo lost"));
        var again = table.TryLease("w2")!.Value;
        Assert.Equal(1, again.Attempt);
        Assert.Equal(0, table.Failed);

        Assert.True(table.Interrupt(again.LeaseId, "silo lost again"));
        var third = table.TryLease("w3")!.Value;
        Assert.Equal(2, third.Attempt);
        Assert.True(table.Interrupt(third.LeaseId, "and again"));
        Assert.Equal(1, table.Failed);
        Assert.Null(table.TryLease("w4"));
    }

    [Fact]
    public void InterruptionOfALeaseThatIsNoLongerLiveChangesNothing()
    {
        var table = new LeaseTable(Shards(1), Duration, 3, new ManualTime());
        var lease = table.TryLease("w1")!.Value;
        Assert.True(table.Complete(lease.LeaseId, 0, Done(0)));
        Assert.False(table.Interrupt(lease.LeaseId, "late report"));
        Assert.Equal(1, table.Done);
        Assert.Null(table.TryLease("w2"));
    }

    [Theory]
    [InlineData("12.1.abc", 12)]
    [InlineData("0.3.x", 0)]
    [InlineData("prepare.1.x", null)]
    [InlineData("-1.1.x", null)]
    public void ShardIndexIsReadFromTheLeaseId(string leaseId, int? expected) =>
        Assert.Equal(expected, LeaseTable.ShardOf(leaseId));
}
