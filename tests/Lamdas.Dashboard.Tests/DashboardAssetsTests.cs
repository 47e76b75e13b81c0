using System.Text;
using Lamdas.Api.Dashboard;

namespace Lamdas.Dashboard.Tests;

public sealed class DashboardAssetsTests
{
    [Theory]
    [InlineData(DashboardAssets.Page, "text/html")]
    [InlineData(DashboardAssets.Style, "text/css")]
    [InlineData(DashboardAssets.Script, "text/javascript")]
    public void AssetsAreEmbeddedAndLoadNothingFromElsewhere(string name, string type)
    {
        var asset = DashboardAssets.Get(name);
        var text = Encoding.UTF8.GetString(asset.Content);

        Assert.StartsWith(type, asset.ContentType, StringComparison.Ordinal);
        Assert.True(text.Length > 500);
        Assert.Equal(name == DashboardAssets.Page, asset.IsPage);
        Assert.DoesNotContain("@import", text, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", text, StringComparison.Ordinal);

        // The only absolute URL is the SVG namespace, which is a name and never fetched.
        Assert.DoesNotContain("http://", text.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void PageReferencesTheStyleAndScriptItIsServedWith()
    {
        var page = Encoding.UTF8.GetString(DashboardAssets.Get(DashboardAssets.Page).Content);

        Assert.Contains($"href=\"/dashboard/{DashboardAssets.Style}\"", page, StringComparison.Ordinal);
        Assert.Contains($"src=\"/dashboard/{DashboardAssets.Script}\"", page, StringComparison.Ordinal);
        foreach (var id in new[] { "documents", "selected", "quarantined", "tokens", "tokens-per-second", "selected-share", "progress", "histogram", "tokens-chart", "failures" })
        {
            Assert.Contains($"data-testid=\"{id}\"", page, StringComparison.Ordinal);
        }
    }
}
