using Lamdas.Cluster.Registry;

namespace Lamdas.Cluster.Tests;

/// <summary>The order a free worker asks the active jobs in: team share by weight, then priority, then submission.</summary>
public sealed class FairShareSchedulerTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static FairShareJob Job(string id, string team, int held = 0, int minute = 0, int priority = 0, double weight = 1, bool? started = null) =>
        new(id, team, weight, priority, T0.AddMinutes(minute), held, started ?? held > 0);

    [Fact]
    public void OneTeamsJobsGoInSubmissionOrder()
    {
        var order = FairShareScheduler.Order([Job("c", "a", minute: 3), Job("a", "a", minute: 1), Job("b", "a", minute: 2)]);

        Assert.Equal(["a", "b", "c"], order);
    }

    [Fact]
    public void ATeamHoldingNoWorkersGoesBeforeABusyTeamsEarlierJob()
    {
        // Team big submitted first and holds three workers; team small's later job is asked first.
        var order = FairShareScheduler.Order([Job("big-job", "big", held: 3, minute: 0), Job("small-job", "small", minute: 10)]);

        Assert.Equal(["small-job", "big-job"], order);
    }

    [Fact]
    public void TeamsHoldingEqualSharesGoInTheOrderOfTheirFirstJobs()
    {
        var order = FairShareScheduler.Order([Job("b1", "b", held: 1, minute: 5), Job("a1", "a", held: 1, minute: 1)]);

        Assert.Equal(["a1", "b1"], order);
    }

    [Theory]
    // Weight 3 against 1: team a is behind its share until it holds three times what b holds.
    [InlineData(2, 1, "a")]
    [InlineData(3, 1, "a")]
    [InlineData(4, 1, "b")]
    [InlineData(6, 2, "a")]
    [InlineData(7, 2, "b")]
    public void SharesAreLeasesHeldDividedByTheTeamsWeight(int heldByA, int heldByB, string first)
    {
        var order = FairShareScheduler.Order([
            Job("a-job", "a", held: heldByA, minute: 0, weight: 3),
            Job("b-job", "b", held: heldByB, minute: 0, weight: 1),
        ]);

        Assert.Equal(first + "-job", order[0]);
    }

    [Fact]
    public void WorkersFreedOneByOneAreSharedInProportionToTheWeights()
    {
        // Twelve workers handed out one at a time, each to the first job in the order: 3 to 1 for weights 3 and 1.
        var held = new Dictionary<string, int>(StringComparer.Ordinal) { ["a-job"] = 0, ["b-job"] = 0 };
        for (var i = 0; i < 12; i++)
        {
            var next = FairShareScheduler.Order([
                Job("a-job", "a", held: held["a-job"], minute: 1, weight: 3),
                Job("b-job", "b", held: held["b-job"], minute: 0, weight: 1),
            ])[0];
            held[next]++;
        }

        Assert.Equal(9, held["a-job"]);
        Assert.Equal(3, held["b-job"]);
    }

    [Fact]
    public void WithinATeamAHigherPriorityGoesFirstThenTheEarlierSubmission()
    {
        var order = FairShareScheduler.Order([
            Job("old-low", "a", minute: 0, priority: -5),
            Job("old", "a", minute: 1),
            Job("new-high", "a", minute: 9, priority: 10),
            Job("new", "a", minute: 5),
        ]);

        Assert.Equal(["new-high", "old", "new", "old-low"], order);
    }

    [Fact]
    public void APriorityDoesNotJumpAnotherTeamsShare()
    {
        // Team a's urgent job comes after team b's job while a holds more workers than b.
        var order = FairShareScheduler.Order([
            Job("a-running", "a", held: 2, minute: 0),
            Job("a-urgent", "a", minute: 8, priority: 100),
            Job("b-job", "b", held: 1, minute: 5, priority: -100),
        ]);

        Assert.Equal(["b-job", "a-urgent", "a-running"], order);
    }

    [Fact]
    public void ATeamsWeightIsThatOfItsNewestJob()
    {
        // The weight recorded with a's newest job (4) counts: 3 held / 4 is less than b's 1 held / 1.
        var order = FairShareScheduler.Order([
            Job("a-old", "a", held: 3, minute: 0, weight: 1),
            Job("a-new", "a", minute: 9, weight: 4),
            Job("b-job", "b", held: 1, minute: 1),
        ]);

        Assert.Equal(["a-old", "a-new", "b-job"], order);
    }

    [Fact]
    public void TheQueuePositionCountsOnlyJobsWaitingForTheirFirstLease()
    {
        FairShareJob[] jobs =
        [
            Job("a-running", "a", held: 2, minute: 0),
            Job("a-waiting", "a", minute: 1),
            Job("b-waiting", "b", minute: 2),
            Job("b-later", "b", minute: 3),
            Job("c-started", "c", held: 0, minute: 0, started: true),
        ];

        Assert.Equal(1, FairShareScheduler.QueuePosition(jobs, "b-waiting"));
        Assert.Equal(2, FairShareScheduler.QueuePosition(jobs, "b-later"));
        Assert.Equal(3, FairShareScheduler.QueuePosition(jobs, "a-waiting"));
        Assert.Null(FairShareScheduler.QueuePosition(jobs, "a-running"));
        Assert.Null(FairShareScheduler.QueuePosition(jobs, "c-started"));
        Assert.Null(FairShareScheduler.QueuePosition(jobs, "unknown"));
    }
}
