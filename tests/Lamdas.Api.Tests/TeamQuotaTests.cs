using Lamdas.Api.Teams;
using Lamdas.Cluster.Messages;
using Microsoft.Extensions.Options;

namespace Lamdas.Api.Tests;

/// <summary>A team's weight and limits: how they are validated, and which submission each refuses.</summary>
public sealed class TeamQuotaTests
{
    private static ValidateOptionsResult Validate(TeamOptions team) =>
        new TeamsOptionsValidator().Validate(null, new TeamsOptions { Teams = [team] });

    private static TeamUsage Usage(int jobs, long shards) => new() { Team = "research", ActiveJobs = jobs, QueuedShards = shards };

    [Fact]
    public void ATeamWithoutWeightOrLimitsHasWeightOneAndNoLimit()
    {
        var team = Team.FromOptions(Teams.Research);

        Assert.Equal(new TeamQuota(1, null, null), team.Quota);
        Assert.Null(team.Quota.Refusal("research", Usage(10_000, 10_000_000)));
    }

    [Fact]
    public void ConfiguredWeightAndLimitsReachTheTeam()
    {
        var options = Teams.Research;
        options.Weight = 3;
        options.MaxActiveJobs = 4;
        options.MaxQueuedShards = 500;

        Assert.True(Validate(options).Succeeded);
        Assert.Equal(new TeamQuota(3, 4, 500), Team.FromOptions(options).Quota);
    }

    [Theory]
    [InlineData(3, 0, null)]
    [InlineData(4, 0, "team 'research' has 4 active jobs, its limit MaxActiveJobs is 4")]
    [InlineData(9, 0, "team 'research' has 9 active jobs, its limit MaxActiveJobs is 4")]
    [InlineData(1, 499, null)]
    [InlineData(1, 500, "team 'research' has 500 shards queued or running, its limit MaxQueuedShards is 500")]
    public void ASubmissionIsRefusedOnceALimitIsReached(int jobs, long shards, string? expected)
    {
        var refusal = new TeamQuota(1, 4, 500).Refusal("research", Usage(jobs, shards));

        if (expected is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.NotNull(refusal);
            Assert.StartsWith(expected + ";", refusal, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, null, null, "Lamdas:Teams:0:Weight must be between 0.01 and 1000 (found 0)")]
    [InlineData(1001, null, null, "Lamdas:Teams:0:Weight must be between 0.01 and 1000 (found 1001)")]
    [InlineData(double.NaN, null, null, "Lamdas:Teams:0:Weight must be between 0.01 and 1000 (found NaN)")]
    [InlineData(1, 0, null, "Lamdas:Teams:0:MaxActiveJobs must be at least 1, or left out for no limit (found 0)")]
    [InlineData(1, null, -5L, "Lamdas:Teams:0:MaxQueuedShards must be at least 1, or left out for no limit (found -5)")]
    public void AWeightOrLimitOutOfRangeIsRefusedAtStart(double weight, int? jobs, long? shards, string expected)
    {
        var options = Teams.Research;
        options.Weight = weight;
        options.MaxActiveJobs = jobs;
        options.MaxQueuedShards = shards;

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Equal([expected], result.Failures);
    }
}
