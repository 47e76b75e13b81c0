using Lamdas.Cli.Commands;

namespace Lamdas.Cli.Tests;

/// <summary>The plain (non-terminal) progress lines: only when something changed, at most every 30 s, phases at once.</summary>
public sealed class ProgressThrottleTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly TimeSpan ThirtySeconds = TimeSpan.FromSeconds(30);

    [Fact]
    public void TheSameLineEveryFiveSecondsForFiveMinutesIsPrintedOnce()
    {
        var clock = new ManualClock();
        var throttle = new ProgressThrottle(clock, ThirtySeconds);
        var printed = 0;
        for (var i = 0; i < 60; i++)
        {
            printed += throttle.ShouldPrint("scoring", "scoring shards 0/3: 0 docs, selected 0%") ? 1 : 0;
            clock.Now += TimeSpan.FromSeconds(5);
        }

        Assert.Equal(1, printed);
    }

    [Fact]
    public void ALineThatChangesEverySecondIsPrintedAtMostEveryThirtySeconds()
    {
        var clock = new ManualClock();
        var throttle = new ProgressThrottle(clock, ThirtySeconds);
        var printedAt = new List<int>();
        for (var second = 0; second <= 300; second++)
        {
            if (throttle.ShouldPrint("scoring", $"scoring shards 0/3: {second * 10} docs"))
            {
                printedAt.Add(second);
            }

            clock.Now += TimeSpan.FromSeconds(1);
        }

        Assert.Equal([0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300], printedAt);
    }

    [Fact]
    public void AChangeAfterAQuietSpellIsPrintedWhenItComesAndNotBefore()
    {
        var clock = new ManualClock();
        var throttle = new ProgressThrottle(clock, ThirtySeconds);
        Assert.True(throttle.ShouldPrint("scoring", "a"));
        clock.Now += TimeSpan.FromSeconds(29);
        Assert.False(throttle.ShouldPrint("scoring", "b"));
        clock.Now += TimeSpan.FromSeconds(100);
        Assert.False(throttle.ShouldPrint("scoring", "a"));
        Assert.True(throttle.ShouldPrint("scoring", "c"));
        Assert.False(throttle.ShouldPrint("scoring", "d"));
    }

    [Fact]
    public void APhaseChangeAndTheFinalLineArePrintedAtOnce()
    {
        var clock = new ManualClock();
        var throttle = new ProgressThrottle(clock, ThirtySeconds);
        Assert.True(throttle.ShouldPrint("preparing", "preparing"));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.True(throttle.ShouldPrint("scoring", "scoring shards 0/3: 10 docs"));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.False(throttle.ShouldPrint("scoring", "scoring shards 1/3: 40 docs"));
        Assert.True(throttle.ShouldPrint("scoring", "scoring shards 3/3: 90 docs", final: true));

        // Nothing after the final line, and a final line that repeats the last one printed is not printed again.
        clock.Now += TimeSpan.FromMinutes(5);
        Assert.False(throttle.ShouldPrint("succeeded", "succeeded"));
        var other = new ProgressThrottle(clock, ThirtySeconds);
        Assert.True(other.ShouldPrint("succeeded", "succeeded shards 3/3: 90 docs"));
        Assert.False(other.ShouldPrint("succeeded", "succeeded shards 3/3: 90 docs", final: true));
    }

    [Fact]
    public void TheDefaultIntervalIsThirtySeconds() => Assert.Equal(ThirtySeconds, new ProgressThrottle().Interval);
}
