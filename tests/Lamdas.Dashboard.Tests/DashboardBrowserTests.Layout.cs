using System.Globalization;
using System.Text.Json;
using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;
using Microsoft.Playwright;

namespace Lamdas.Dashboard.Tests;

/// <summary>
/// The dashboard's layout at 1280 px against job statuses as the server writes them: the jobs table fits, the tokens/s
/// axis has distinct labels, the histogram's labels do not overlap and it marks the cut-off, and a job's in-shard
/// progress and prefix-training epochs are shown.
/// </summary>
public sealed partial class DashboardBrowserTests
{
    private static JobStatus LayoutJob(string id, string name, JobPhase phase, long documents, long tokens) => new()
    {
        JobId = id,
        Team = "dashboard",
        Name = name,
        Phase = phase,
        ShardsTotal = 400,
        ShardsDone = 120,
        ShardsLeased = 3,
        Documents = documents,
        Selected = documents / 5,
        Tokens = tokens,
        BytesTotal = 40_000_000_000,
        BytesDone = 12_000_000_000,
        Output = $"abfss://data@lake.dfs.core.windows.net/selection/{name}/",
        SubmittedUtc = DateTimeOffset.UtcNow.AddDays(-3),
    };

    [Fact]
    public async Task At1280PixelsTheTableFitsTheAxesReadCleanlyAndProgressMovesWithinAShard()
    {
        // Scores just either side of 0 (the old labels "-0.00" and "0" collided), and a slow job: a token more at each read
        // of its status, so the tokens/s axis spans a few tokens a second (small rates were once labelled "0, 1, 1").
        var reads = 0;
        var selected = LayoutJob("slow-job", "code-python-selection-with-a-rather-long-descriptive-name", JobPhase.Scoring, 9_876_543_210, 5_000)
            with
        {
            InFlightDocuments = 1234,
            InFlightSelected = 300,
            InFlightTokens = 56_789,
            InFlightBytes = 2_000_000_000,
            PrefixTraining = new PrefixTrainingProgress
            {
                Epoch = 2,
                Epochs = 5,
                TrainNll = 3.14159,
                HeldOutNll = 3.30012,
                HeldOut = true,
                SecondsPerEpoch = 12.34,
            },
        };
        var others = Enumerable.Range(0, 7).Select(i => LayoutJob($"job-{i}", $"nightly-incremental-selection-team-{i}-{new string('x', 40)}",
            (JobPhase)(i % 7), 123_456_789_012L * (i + 1), 1)).ToList();
        const double threshold = 0.0123;
        var histogram = JsonSerializer.Serialize(new
        {
            job_id = "slow-job",
            count = 3000,
            selected = 900,
            min = -0.004,
            max = 0.048,
            threshold,
            bins = Enumerable.Range(0, 30).Select(i => new
            {
                lower = -0.004 + (i * 0.052 / 30),
                upper = -0.004 + ((i + 1) * 0.052 / 30),
                count = 100 + (i * 7 % 13),
            }),
        });

        var page = await silo.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);
        await page.RouteAsync("**/api/v1/jobs**", route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            string body;
            if (path.EndsWith("/histogram", StringComparison.Ordinal))
            {
                body = histogram;
            }
            else
            {
                // The job's own status is read once a second: one token more each time, so at most 1 token/s.
                var list = path.EndsWith("/jobs", StringComparison.Ordinal);
                var now = selected with { Tokens = selected.Tokens + (list ? Volatile.Read(ref reads) : Interlocked.Increment(ref reads)) };
                body = list
                    ? JsonSerializer.Serialize(new { jobs = new[] { now }.Concat(others) }, Api.LamdasApiJson.Options)
                    : JsonSerializer.Serialize(now, Api.LamdasApiJson.Options);
            }

            return route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = body });
        });

        await page.GotoAsync(new Uri(silo.Server, $"?key={DashboardSilo.ApiKey}#job=slow-job").ToString());
        await Assertions.Expect(page.GetByTestId("job-row")).ToHaveCountAsync(8);
        await Assertions.Expect(page.GetByTestId("threshold-marker")).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByTestId("tokens-chart")).Not.ToHaveAttributeAsync("data-points", "0", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("tokens-chart")).Not.ToHaveAttributeAsync("data-points", "1", new() { Timeout = 15_000 });

        // The jobs table fits its panel: nothing to scroll sideways, on the table's box or the page.
        var widths = await page.EvaluateAsync<int[]>(
            """
            () => {
              const box = document.querySelector('[data-testid="job-list-box"]');
              const panel = box.closest('.panel');
              return [box.scrollWidth, box.clientWidth, panel.scrollWidth, panel.clientWidth,
                      document.documentElement.scrollWidth, document.documentElement.clientWidth];
            }
            """);
        output.WriteLine($"jobs box {widths[0]}/{widths[1]}, panel {widths[2]}/{widths[3]}, page {widths[4]}/{widths[5]}");
        Assert.True(widths[0] <= widths[1], $"the jobs table scrolls: {widths[0]} > {widths[1]}");
        Assert.True(widths[2] <= widths[3], $"the jobs panel scrolls: {widths[2]} > {widths[3]}");
        Assert.True(widths[4] <= widths[5], $"the page scrolls sideways: {widths[4]} > {widths[5]}");

        // The tokens/s axis: at least two ticks, no label twice.
        var rateTicks = await page.GetByTestId("rate-tick").AllTextContentsAsync();
        output.WriteLine($"tokens/s ticks: {string.Join(", ", rateTicks)}");
        Assert.True(rateTicks.Count >= 2, string.Join(", ", rateTicks));
        Assert.InRange(double.Parse(rateTicks[^1], CultureInfo.InvariantCulture), 0.5, 20);
        Assert.Equal(rateTicks.Count, rateTicks.Distinct(StringComparer.Ordinal).Count());

        // The histogram's labels: distinct, inside the chart, and no two boxes overlap.
        var boxes = await page.EvaluateAsync<double[][]>(
            """
            () => {
              const svg = document.querySelector('[data-testid="histogram"]');
              const labels = [...svg.querySelectorAll('text')].filter(t => t.getAttribute('data-testid') === 'histogram-tick'
                || t.classList.contains('marker-label'));
              const width = svg.viewBox.baseVal.width;
              return labels.map(t => { const b = t.getBBox(); return [b.x, b.x + b.width, b.y, b.y + b.height, width]; });
            }
            """);
        var histogramTicks = await page.GetByTestId("histogram-tick").AllTextContentsAsync();
        output.WriteLine($"histogram ticks: {string.Join(", ", histogramTicks)}");
        Assert.True(histogramTicks.Count >= 3, string.Join(", ", histogramTicks));
        Assert.Equal(histogramTicks.Count, histogramTicks.Distinct(StringComparer.Ordinal).Count());
        Assert.All(boxes, b => Assert.True(b[0] >= 0 && b[1] <= b[4], $"label [{b[0]}, {b[1]}] outside 0…{b[4]}"));
        for (var i = 0; i < boxes.Length; i++)
        {
            for (var j = i + 1; j < boxes.Length; j++)
            {
                var overlap = boxes[i][0] < boxes[j][1] && boxes[j][0] < boxes[i][1] && boxes[i][2] < boxes[j][3] && boxes[j][2] < boxes[i][3];
                Assert.False(overlap, $"labels {i} and {j} overlap: [{string.Join(", ", boxes[i])}] [{string.Join(", ", boxes[j])}]");
            }
        }

        // The cut-off marker stands over the bin that holds the threshold.
        var marker = page.GetByTestId("threshold-marker");
        Assert.Equal(threshold, double.Parse((await marker.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture));
        var placement = await page.EvaluateAsync<double[]>(
            """
            (threshold) => {
              const line = document.querySelector('[data-testid="threshold-marker"] line');
              const bar = [...document.querySelectorAll('[data-testid="histogram-bar"]')]
                .find(b => Number(b.dataset.lower) <= threshold && threshold < Number(b.dataset.upper));
              return [Number(line.getAttribute('x1')), Number(bar.getAttribute('x')) - 1, Number(bar.getAttribute('x')) + Number(bar.getAttribute('width')) + 1];
            }
            """, threshold);
        Assert.InRange(placement[0], placement[1], placement[2]);

        // In-shard progress: documents so far include the shard in progress, which is also shown apart.
        Assert.Equal(9_876_543_210 + 1234, await NumberAsync(page, "documents"));
        Assert.Equal("1,234 in flight", await TextAsync(page, "in-flight-documents"));
        Assert.Equal(5.0, await NumberAsync(page, "progress-bytes-in-flight"));
        Assert.Contains("3 in progress", await TextAsync(page, "progress-shards-text"), StringComparison.Ordinal);

        // Prefix training: the last epoch of the five and its figures.
        Assert.True(await page.GetByTestId("prefix-training").IsVisibleAsync());
        Assert.Equal("2 / 5", await TextAsync(page, "prefix-epoch"));
        Assert.Equal("3.1416", await TextAsync(page, "prefix-train-nll"));
        Assert.Equal("3.3001", await TextAsync(page, "prefix-heldout-nll"));
        Assert.Equal("12.3 s", await TextAsync(page, "prefix-seconds"));

        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard-1280.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        Assert.Empty(errors);
        await page.CloseAsync();
    }
}
