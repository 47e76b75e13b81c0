using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Lamdas.Api.Tests;

/// <summary>
/// The served OpenAPI document passes the Redocly linter (tests/tools/node_modules/.bin/redocly, its recommended rules
/// with the exceptions of redocly.yaml at the repository root): no errors and no warnings.
/// </summary>
[Integration]
public sealed class RedoclyLintTests(OpenApiHost host, ITestOutputHelper output) : IClassFixture<OpenApiHost>
{
    [Fact]
    public async Task TheServedDocumentHasNoLintProblems()
    {
        var redocly = LocateRedocly();
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "openapi.json");
        await File.WriteAllTextAsync(file, host.Text);

        var start = new ProcessStartInfo(redocly)
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "lint", "--config", Path.Combine(RepoPaths.Root, "redocly.yaml"), "--format", "json", file })
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry calls from the linter, and no update check.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("redocly lint took more than 3 minutes");
        }

        var report = await stdout;
        output.WriteLine(report);
        output.WriteLine(await stderr);

        var json = JsonNode.Parse(report[report.IndexOf('{', StringComparison.Ordinal)..])!;
        var problems = json["problems"]!.AsArray()
            .Select(p => $"{(string?)p!["severity"]} {(string?)p["ruleId"]}: {(string?)p["message"]} at {p["location"]?.ToJsonString()}")
            .ToList();
        Assert.True(problems.Count == 0, "redocly lint found:\n" + string.Join("\n", problems));
        Assert.Equal(0, (int)json["totals"]!["errors"]!);
        Assert.Equal(0, (int)json["totals"]!["warnings"]!);
        Assert.Equal(0, process.ExitCode);
    }

    private static string LocateRedocly()
    {
        var executable = Path.Combine(RepoPaths.Root, "tests", "tools", "node_modules", ".bin", "redocly");
        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"the Redocly linter is not installed: {executable} is missing. Run ./test.sh, or `npm ci` in tests/tools.");
    }
}
