using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lamdas.Dashboard.Tests;

/// <summary>
/// The dashboard in real headless Chromium against a live silo: a job is submitted through the API, selected on the
/// page, watched while its numbers rise and its progress bar fills, and photographed.
/// </summary>
[Integration]
public sealed class DashboardBrowserTests(DashboardSilo silo, ITestOutputHelper output) : IClassFixture<DashboardSilo>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task DashboardFollowsAJobFromSubmissionToSuccess()
    {
        var clock = Stopwatch.StartNew();
        var jobId = await SubmitAsync();
        var errors = new List<string>();
        var page = await silo.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        page.PageError += (_, message) => errors.Add(message);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(silo.Server, $"?key={DashboardSilo.ApiKey}").ToString());
        Assert.DoesNotContain("key=", page.Url, StringComparison.Ordinal);
        await page.Locator($"[data-testid=job-row][data-job-id=\"{jobId}\"]").ClickAsync(new LocatorClickOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("job")).ToHaveAttributeAsync("data-job-id", jobId);
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "ok");

        // Two reads a few seconds apart while shards are being scored: documents and tokens rise.
        var first = await WaitForAsync(page, r => r.Phase == "scoring" && r.Tokens > 0 && r.ShardsPercent < 100, "the job to be scoring");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var second = await WaitForAsync(page, r => r.Documents > first.Documents || r.Finished, "more documents");
        output.WriteLine($"read 1: {first}; read 2: {second}");
        Assert.True(second.Documents > first.Documents, $"documents did not rise: {first} then {second}");
        Assert.True(second.Tokens > first.Tokens, $"tokens did not rise: {first} then {second}");

        // The progress bar ends full and green; the histogram has bars; the chart and the silo table are drawn.
        var done = await WaitForAsync(page, r => r.Finished, "the job to finish");
        Assert.True(done.Phase == "succeeded", $"the job ended {done.Phase}: {await TextAsync(page, "failure-message")}\n{Tail(silo.Log)}");
        Assert.Equal("succeeded", await page.GetByTestId("progress").GetAttributeAsync("data-phase"));
        Assert.Equal(100.0, await NumberAsync(page, "progress-shards"));
        Assert.Equal(100.0, await NumberAsync(page, "progress-bytes"));
        Assert.Equal(0, await NumberAsync(page, "shards-failed"));

        var bars = page.GetByTestId("histogram-bar");
        await Assertions.Expect(bars.First).ToBeAttachedAsync(new LocatorAssertionsToBeAttachedOptions { Timeout = 30_000 });
        var counts = await bars.EvaluateAllAsync<long[]>("bars => bars.map(b => Number(b.dataset.count))");
        var scored = (long)await NumberAsync(page, "histogram-count");
        Assert.True(counts.Length >= 2, $"{counts.Length} histogram bins");
        Assert.True(scored > 0);
        Assert.Equal(scored, counts.Sum());

        Assert.True(await NumberAsync(page, "tokens-chart", "data-points") >= 2);
        Assert.InRange(await NumberAsync(page, "selected-share"), 0, 1);
        var rows = page.GetByTestId("silo-row");
        Assert.Equal(1, await rows.CountAsync());
        Assert.True(await NumberAsync(page, "silo-job-rate") > 0);

        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}; {clock.Elapsed.TotalSeconds:F0} s from submission");
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 1000, $"{png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);

        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnUnknownKeyIsRefusedOnThePageAndByTheHistogram()
    {
        var page = await silo.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(silo.Server, "?key=not-a-team-key").ToString());
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "unauthorized");
        Assert.Equal(0, await page.GetByTestId("job-row").CountAsync());

        // A key typed into the box replaces the remembered one and is kept across reloads.
        await page.GetByTestId("api-key").FillAsync(DashboardSilo.ApiKey);
        await page.GetByTestId("key-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "ok");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "ok");
        await page.CloseAsync();

        using var response = await silo.Http.GetAsync(new Uri(silo.Server, "api/v1/jobs/some-job/histogram"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ClusterEndpointNeedsNoKeyAndShowsTheWorker()
    {
        using var response = await silo.Http.GetAsync(new Uri(silo.Server, "api/v1/cluster"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var silos = JsonNode.Parse(body)!["silos"]!.AsArray();
        var only = Assert.Single(silos);
        Assert.Equal("active", only!["status"]!.GetValue<string>());
        Assert.Equal("cpu", only["worker"]!["device"]!.GetValue<string>());
        Assert.DoesNotContain("current_job", body, StringComparison.Ordinal);

        using var page = await silo.Http.GetAsync(silo.Server);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private async Task<string> SubmitAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.Server, "api/v1/jobs"))
        {
            Content = new StringContent(silo.Spec().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", DashboardSilo.ApiKey);
        using var response = await silo.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["job_id"]!.GetValue<string>();
    }

    private async Task<Reading> WaitForAsync(IPage page, Func<Reading, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + JobTimeout;
        Reading last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await ReadAsync(page);
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"waited {JobTimeout.TotalMinutes} min for {what}; last read {last}\n{Tail(silo.Log)}");
    }

    // One evaluation reads every field, so a reading never mixes two renders (a phase read before the page moved on
    // to "succeeded" next to a "finished" flag read after it).
    private static async Task<Reading> ReadAsync(IPage page)
    {
        var values = await page.EvaluateAsync<string[]>(
            """
            () => {
              const attr = (id, name) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute(name) ?? '';
              return [attr('phase', 'data-value'), attr('documents', 'data-value'), attr('tokens', 'data-value'),
                      attr('progress-shards', 'data-value'), attr('progress', 'data-finished')];
            }
            """);
        return new(
            values[0],
            (long)ParseNumber(values[1]),
            (long)ParseNumber(values[2]),
            ParseNumber(values[3]),
            values[4] == "true");
    }

    private static double ParseNumber(string text) => double.Parse(text.Length == 0 ? "nan" : text, CultureInfo.InvariantCulture);

    private static async Task<double> NumberAsync(IPage page, string testId, string attribute = "data-value")
    {
        var text = await page.GetByTestId(testId).First.GetAttributeAsync(attribute);
        return ParseNumber(text ?? "");
    }

    private static async Task<string> TextAsync(IPage page, string testId) => await page.GetByTestId(testId).TextContentAsync() ?? "";

    private static string Tail(string log) => log[Math.Max(0, log.Length - 4000)..];

    private readonly record struct Reading(string Phase, long Documents, long Tokens, double ShardsPercent, bool Finished);
}
