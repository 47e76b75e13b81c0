using System.Text.RegularExpressions;
using Lamdas.Cluster;

namespace Lamdas.Api.Tests;

public sealed class JobIdsTests
{
    [Fact]
    public void IdIsNameTimestampAndRandomHex()
    {
        var id = JobIds.Create("Python_from.Web", new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)));
        Assert.Matches(new Regex("^python-from-web-20250304030607-[0-9a-f]{6}$"), id);
        Assert.True(JobIds.IsWellFormed(id));
        Assert.NotEqual(id, JobIds.Create("Python_from.Web", new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2))));
    }

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("--a__b..c--", "a-b-c")]
    [InlineData("___", "job")]
    [InlineData("", "job")]
    [InlineData("ABC-def", "abc-def")]
    public void NamesAreSanitized(string name, string expected) => Assert.Equal(expected, JobIds.Sanitize(name));

    [Fact]
    public void LongNamesAreCut() => Assert.Equal(48, JobIds.Sanitize(new string('a', 128)).Length);

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("a b")]
    public void OddIdsAreNotWellFormed(string id) => Assert.False(JobIds.IsWellFormed(id));
}
