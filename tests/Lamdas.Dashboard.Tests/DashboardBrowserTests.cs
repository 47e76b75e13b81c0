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
public sealed partial class DashboardBrowserTests(DashboardSilo silo, ITestOutputHelper output) : IClassFixture<DashboardSilo>
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

        // The job has the default cascade, whose 10,000-document pilot is larger than the 150-document corpus: no cut,
        // and every document reached the LLM.
        await Assertions.Expect(page.GetByTestId("cascade")).ToHaveAttributeAsync("data-state", "no-cut");
        Assert.Equal("none", await TextAsync(page, "cascade-cut"));
        Assert.Equal(done.Documents, await NumberAsync(page, "cascade-reached"));
        Assert.Equal(0, await NumberAsync(page, "cascade-saved"));
        Assert.Contains("fewer documents than the pilot", await TextAsync(page, "cascade-note"), StringComparison.Ordinal);

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
    public async Task ACascadeJobShowsItsCutPilotPassRateRecallAndDocumentsSaved()
    {
        // The job API answers with a cascade job's status as the server writes it: 520 of 2,000 documents so far
        // reached the LLM, so 1,480 (74.0 %) were saved; the pilot's cut is -3.5, its pass rate 25 %, its recall ≥ 99.12 %.
        var status = new Cluster.Messages.JobStatus
        {
            JobId = "cascade-job",
            Team = "dashboard",
            Name = "cascade",
            Phase = Cluster.Messages.JobPhase.Scoring,
            ShardsTotal = 10,
            ShardsDone = 4,
            ShardsLeased = 2,
            Documents = 2000,
            Selected = 300,
            Tokens = 150_000,
            BytesTotal = 1_000_000,
            BytesDone = 400_000,
            Output = "/data/out/cascade/",
            SubmittedUtc = DateTimeOffset.UtcNow,
            ModelDocuments = 520,
            Cascade = new Jobs.Running.CascadePilot
            {
                Method = "dsir",
                TargetRecall = 0.99,
                Confidence = 0.95,
                Documents = 4000,
                Kept = 1200,
                Cut = -3.5,
                PassRate = 0.25,
                Recall = 0.995,
                RecallLower = 0.9912,
                CandidateTokensPerDocument = 812.5,
                ScoredTokensPerDocument = 640,
                Rounds = 1,
            },
        };
        var json = System.Text.Json.JsonSerializer.Serialize(status, Api.LamdasApiJson.Options);
        var page = await silo.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);
        await page.RouteAsync("**/api/v1/jobs**", route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            var body = path.EndsWith("/histogram", StringComparison.Ordinal)
                ? """{"job_id":"cascade-job","count":0,"selected":0,"min":null,"max":null,"bins":[]}"""
                : path.EndsWith("/jobs", StringComparison.Ordinal) ? $$"""{"jobs":[{{json}}]}""" : json;
            return route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = body });
        });

        await page.GotoAsync(new Uri(silo.Server, $"?key={DashboardSilo.ApiKey}#job=cascade-job").ToString());
        await Assertions.Expect(page.GetByTestId("cascade")).ToHaveAttributeAsync("data-state", "cut");
        Assert.True(await page.GetByTestId("cascade").IsVisibleAsync());
        Assert.Equal("first stage dsir", await TextAsync(page, "cascade-method"));
        Assert.Equal("-3.5", await TextAsync(page, "cascade-cut"));
        Assert.Equal(-3.5, await NumberAsync(page, "cascade-cut"));
        Assert.Equal("25.0 %", await TextAsync(page, "cascade-pass-rate"));
        Assert.Equal("≥ 99.1 %", await TextAsync(page, "cascade-recall"));
        Assert.Equal(0.9912, await NumberAsync(page, "cascade-recall"));
        Assert.Equal("520 (26.0 %)", await TextAsync(page, "cascade-reached"));
        Assert.Equal("1,480 (74.0 %)", await TextAsync(page, "cascade-saved"));
        Assert.Equal(1480, await NumberAsync(page, "cascade-saved"));
        Assert.Equal("", await TextAsync(page, "cascade-note"));

        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard-cascade.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
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
