using Lamdas.Api.Teams;
using Microsoft.AspNetCore.Http;

namespace Lamdas.Api.Tests;

public sealed class ApiKeyTests
{
    private const string AbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void HashIsLowercaseHexSha256OfTheUtf8Key()
    {
        Assert.Equal(AbcSha256, ApiKeyHash.Hex("abc"));
        Assert.Equal(64, ApiKeyHash.Hex("é-key").Length);
    }

    [Theory]
    [InlineData(AbcSha256)]
    [InlineData("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [InlineData("  ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad ")]
    public void ConfiguredHashesAreReadInEitherCase(string configured) =>
        Assert.Equal(ApiKeyHash.Bytes("abc"), ApiKeyHash.TryParse(configured));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015")]
    [InlineData("za7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void MalformedHashesAreRefused(string? configured) => Assert.Null(ApiKeyHash.TryParse(configured));

    [Fact]
    public void KeysFindTheirTeam()
    {
        var directory = new TeamDirectory([Teams.Research, Teams.Ads]);
        Assert.Equal("research", directory.Authenticate("research-key")?.Name);
        Assert.Equal("ads", directory.Authenticate("ads-key")?.Name);
        Assert.Null(directory.Authenticate("research-key "));
        Assert.Null(directory.Authenticate("RESEARCH-KEY"));
        Assert.Null(directory.Authenticate(""));
        Assert.Null(directory.Authenticate(null));
        Assert.Null(directory.Authenticate(ApiKeyHash.Hex("research-key")));
    }

    [Fact]
    public void UppercaseConfiguredHashStillMatches()
    {
        var team = Teams.Research;
        team.ApiKeySha256 = team.ApiKeySha256.ToUpperInvariant();
        Assert.Equal("research", new TeamDirectory([team]).Authenticate("research-key")?.Name);
    }

    [Theory]
    [InlineData("Authorization", "Bearer secret")]
    [InlineData("Authorization", "bearer   secret  ")]
    [InlineData("X-Api-Key", "secret")]
    [InlineData("x-api-key", " secret ")]
    public void KeyIsReadFromEitherHeader(string header, string value)
    {
        var headers = new HeaderDictionary { [header] = value };
        Assert.Equal("secret", ApiKeyReader.Read(headers));
    }

    [Theory]
    [InlineData("Authorization", "Basic c2VjcmV0")]
    [InlineData("Authorization", "Bearer ")]
    [InlineData("Authorization", "secret")]
    [InlineData("X-Api-Key", "")]
    [InlineData("X-Other", "secret")]
    public void NoKeyWithoutAUsableHeader(string header, string value) =>
        Assert.Null(ApiKeyReader.Read(new HeaderDictionary { [header] = value }));

    [Fact]
    public void BearerWinsOverTheApiKeyHeader()
    {
        var headers = new HeaderDictionary { ["Authorization"] = "Bearer one", ["X-Api-Key"] = "two" };
        Assert.Equal("one", ApiKeyReader.Read(headers));
    }
}
