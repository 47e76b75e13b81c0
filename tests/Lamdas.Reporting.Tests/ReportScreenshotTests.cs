using System.Buffers.Binary;
using System.Diagnostics;
using Xunit.Abstractions;

namespace Lamdas.Reporting.Tests;

/// <summary>
/// A labelled report rendered by headless Chromium: the page loads from a file with nothing else, and its screenshot
/// (artifacts/report-labelled.png beside the test binaries) is there to be looked at.
/// </summary>
[Integration]
public sealed class ReportScreenshotTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";
    private const int Width = 1200;

    /// <summary>A quickstart-like job: 150 Python documents among 510 others, scores from two overlapping bells plus a few outliers.</summary>
    private static ReportData Quickstart()
    {
        var random = new Random(7);
        double Normal(double mean, double sd) => mean + sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var domains = new (string Name, bool InDomain, int Count, double Mean)[]
        {
            ("code-python", true, 150, 1.5), ("code-java", false, 120, -1.5), ("code-perl", false, 120, -1.6), ("code-go", false, 120, -3), ("email-spam", false, 120, -6),
        };
        var docs = domains.SelectMany(d => Enumerable.Range(0, d.Count).Select(i => (Id: $"{d.Name}-{i:D3}", d.Name, d.InDomain, Score: Normal(d.Mean, 1.8)))).ToList();
        docs.Add(("outlier-low", "email-spam", false, -80));
        docs.Add(("outlier-high", "code-python", true, 45));
        var selected = docs.Where(d => d.Score > 0).ToList();
        var histogram = ReportHistogram.Build(docs.Select(d => (d.Score, d.Score > 0)), 40, threshold: 0);
        ReportExample Example((string Id, string Name, bool InDomain, double Score) d) =>
            new(d.Id, d.Score, 128, $"# {d.Name} document {d.Id}\nsome text that looks like {d.Name} <script>alert(1)</script>\n" + new string('x', 300), d.Name);
        return new ReportData
        {
            JobName = "quickstart-python",
            Method = "lamdas",
            SelectionRule = "score > ln(1) = 0",
            Documents = docs.Count,
            Selected = selected.Count,
            Tokens = docs.Count * 128L,
            SelectedPrecision = selected.Count(d => d.InDomain) / (double)selected.Count,
            SelectedRecall = selected.Count(d => d.InDomain) / (double)docs.Count(d => d.InDomain),
            Histogram = histogram,
            Threshold = 0,
            Tau = 1,
            ScoreVsLength = [.. docs.Select((d, i) => ((int)Math.Exp(4 + (i * 7919 % 600) / 100.0), d.Score, d.Score > 0))],
            LengthInCharacters = true,
            LengthNote = $"{docs.Count} of {docs.Count} scored documents were cut at max tokens (128), so the length shown is each document's whole length in characters.",
            PrefixLoss = [(1, 3.2, 3.4), (2, 2.9, 3.1), (3, 2.8, 3.05)],
            ValidationNllBase = 3.6,
            Top = [.. docs.OrderByDescending(d => d.Score).Take(3).Select(Example)],
            Bottom = [.. docs.OrderBy(d => d.Score).Take(3).Select(Example)],
            JustAbove = [.. selected.OrderBy(d => d.Score).Take(3).Select(Example)],
            JustBelow = [.. docs.Where(d => d.Score <= 0).OrderByDescending(d => d.Score).Take(3).Select(Example)],
            Labels = new ReportLabels
            {
                Domains = [.. docs.GroupBy(d => (d.Name, d.InDomain))
                    .Select(g => new ReportDomain(g.Key.Name, g.Key.InDomain, g.Count(), g.Count(d => d.Score > 0)))
                    .OrderByDescending(d => d.InDomain).ThenByDescending(d => d.Selected)],
                Curve = ThresholdCurve.Build(docs.Select(d => (d.Score, d.InDomain))),
                FalsePositives = [.. selected.Where(d => !d.InDomain).OrderByDescending(d => d.Score).Take(3).Select(Example)],
                FalseNegatives = [.. docs.Where(d => d.InDomain && d.Score <= 0).OrderBy(d => d.Score).Take(3).Select(Example)],
            },
            Facts = new Dictionary<string, string> { ["model"] = "models/lamdas-tiny", ["max tokens"] = "128" },
        };
    }

    [Fact]
    public async Task ChromiumRendersALabelledReport()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is not installed");
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        var page = Path.Combine(folder, "report-labelled.html");
        var screenshot = Path.Combine(folder, "report-labelled.png");
        File.Delete(screenshot);
        await File.WriteAllTextAsync(page, HtmlReport.Render(Quickstart()));

        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                $"--user-data-dir={Path.Combine(folder, "chromium-profile")}", $"--window-size={Width},6200", $"--screenshot={screenshot}",
                new Uri(page).AbsoluteUri,
            },
        };
        using var chromium = Process.Start(start)!;
        var stderr = chromium.StandardError.ReadToEndAsync();
        _ = chromium.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await chromium.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            chromium.Kill(entireProcessTree: true);
            throw;
        }

        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(File.Exists(screenshot), $"no screenshot; chromium exited {chromium.ExitCode}: {await stderr}");
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4))); // IHDR width
        Assert.True(png.Length > 50_000, $"{png.Length} bytes: an empty page?");
    }
}
