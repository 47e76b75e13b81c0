using Lamdas.Api.Teams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lamdas.Api.Tests;

public sealed class TeamsOptionsTests
{
    private static ValidateOptionsResult Validate(params TeamOptions[] teams) =>
        new TeamsOptionsValidator().Validate(null, new TeamsOptions { Teams = [.. teams] });

    [Fact]
    public void ValidTeamsPass() => Assert.True(Validate(Teams.Research, Teams.Ads).Succeeded);

    [Fact]
    public void NoTeamsFails() => Assert.Contains("no team is configured", Validate().FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void EveryProblemIsReported()
    {
        var duplicate = Teams.Research;
        var badHash = Teams.Ads;
        badHash.ApiKeySha256 = "not-a-hash";
        var badPrefixes = new TeamOptions
        {
            Name = "bad name",
            ApiKeySha256 = Teams.Research.ApiKeySha256,
            InputPrefixes = ["data/relative", "az://c/*.jsonl"],
            OutputPrefixes = ["az://c/x/../y"],
        };

        var result = Validate(Teams.Research, duplicate, badHash, badPrefixes);
        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Lamdas:Teams:1:Name 'research' is configured twice", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Lamdas:Teams:2:ApiKeySha256 must be the 64 hex digits", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Lamdas:Teams:3:Name must be", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Lamdas:Teams:3:ApiKeySha256 is the same as another team's", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Lamdas:Teams:3:InputPrefixes:0 'data/relative' is a relative path", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Lamdas:Teams:3:InputPrefixes:1 'az://c/*.jsonl' must be a plain folder URI", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Lamdas:Teams:3:OutputPrefixes:0 'az://c/x/../y'", StringComparison.Ordinal));
    }

    [Fact]
    public void TeamsAreBoundFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lamdas:Teams:0:Name"] = "research",
            ["Lamdas:Teams:0:ApiKeySha256"] = ApiKeyHash.Hex("research-key"),
            ["Lamdas:Teams:0:InputPrefixes:0"] = "az://corpora/research/",
            ["Lamdas:Teams:0:InputPrefixes:1"] = "/models",
            ["Lamdas:Teams:0:OutputPrefixes:0"] = "az://selections/research/",
            ["Lamdas:Teams:1:Name"] = "ads",
            ["Lamdas:Teams:1:ApiKeySha256"] = ApiKeyHash.Hex("ads-key"),
            ["Lamdas:Teams:1:OutputPrefixes:0"] = "az://selections/ads/",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddLamdasApi(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        Assert.Equal(["research", "ads"], options.Teams.Select(t => t.Name));
        Assert.Equal(["az://corpora/research/", "/models"], options.Teams[0].InputPrefixes);
        var directory = services.GetRequiredService<TeamDirectory>();
        var ads = directory.Authenticate("ads-key");
        Assert.NotNull(ads);
        Assert.Equal("ads", ads.Name);
        Assert.Empty(ads.InputPrefixes);
        Assert.Equal("az://selections/ads/", Assert.Single(ads.OutputPrefixes).Configured);
    }

    [Fact]
    public void InvalidConfigurationFailsWhenOptionsAreRead()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lamdas:Teams:0:Name"] = "research",
            ["Lamdas:Teams:0:ApiKeySha256"] = "plain-text-key",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddLamdasApi(configuration).BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TeamsOptions>>().Value);
        Assert.Contains("ApiKeySha256", error.Message, StringComparison.Ordinal);
    }
}
