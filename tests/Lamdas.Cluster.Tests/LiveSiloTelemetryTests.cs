using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lamdas.Cluster.Tests;

/// <summary>
/// A <c>lamdas serve</c> process: its <c>/metrics</c> (the product's and Orleans' meters, per-job series on) passes
/// <c>promtool check metrics</c> after a job, and with <c>Logging:Console:FormatterName=json</c> it logs JSON lines.
/// </summary>
[Integration]
[Collection("Telemetry")]
public sealed class LiveSiloTelemetryTests : IDisposable
{
    private const string Key = "live-telemetry-key";
    private readonly Corpus _corpus = new(files: 2, recordsPerFile: 20);

    private Dictionary<string, string> Environment(params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["Lamdas__Limits__MinShardSizeMb"] = "0.001",
            ["Lamdas__Teams__0__Name"] = "t",
            ["Lamdas__Teams__0__ApiKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),
            ["Lamdas__Teams__0__InputPrefixes__0"] = _corpus.Root,
            ["Lamdas__Teams__0__OutputPrefixes__0"] = _corpus.Root,
            ["Lamdas__Cluster__PollInterval"] = "00:00:00.250",
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }

    [Fact]
    public async Task MetricsOfALiveSiloPassPromtoolAfterAJob()
    {
        using var silo = SiloProcess.Start(null, Environment(("Lamdas__Telemetry__PerJobMetrics", "true")));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await silo.WaitHealthyAsync(http, TimeSpan.FromSeconds(90));

        using var submitted = await http.PostAsync(new Uri(silo.Http, "api/v1/jobs"),
            new StringContent(_corpus.Yaml("promtool", "random", _corpus.Output("promtool")), Encoding.UTF8, "application/yaml"));
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.IsSuccessStatusCode, body);
        var jobId = JsonNode.Parse(body)!["job_id"]!.GetValue<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        var phase = "";
        while (DateTime.UtcNow < deadline && phase is not ("succeeded" or "failed" or "cancelled"))
        {
            await Task.Delay(250);
            phase = JsonNode.Parse(await http.GetStringAsync(new Uri(silo.Http, $"api/v1/jobs/{jobId}")))!["phase"]!.GetValue<string>();
        }

        Assert.Equal("succeeded", phase);
        var metrics = await http.GetStringAsync(new Uri(silo.Http, "metrics"));
        var samples = PrometheusText.Parse(metrics);
        Assert.Contains(samples, s => s.Name.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_bucket");
        Assert.True(PrometheusText.Select(samples, "lamdas_job_documents_selected_total", ("lamdas_job", jobId)).Sum(s => s.Value) > 0, "no selections counted for the job");

        var (code, output) = await PromtoolCheckMetricsAsync(metrics);

        Assert.True(code == 0 && output.Trim().Length == 0, $"promtool check metrics: exit {code}\n{output}");
    }

    [Fact]
    public async Task ASiloConfiguredForJsonLogsWritesJsonLines()
    {
        using var silo = SiloProcess.Start(null, Environment(("Logging__Console__FormatterName", "json")));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await silo.WaitHealthyAsync(http, TimeSpan.FromSeconds(90));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !silo.Log.Contains("Lamdas silo:", StringComparison.Ordinal))
        {
            await Task.Delay(100);
        }

        var lines = silo.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var entries = lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Contains(entries, e => e.GetProperty("Message").GetString()!.StartsWith("Lamdas silo:", StringComparison.Ordinal)
            && e.GetProperty("LogLevel").GetString() == "Information" && e.TryGetProperty("Category", out _));
        Assert.DoesNotContain(lines, l => l.StartsWith("info:", StringComparison.Ordinal) || l.StartsWith("warn:", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Output)> PromtoolCheckMetricsAsync(string exposition)
    {
        var executable = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("promtool is not installed (./test.sh installs it: apt-get install prometheus)");
        var start = new ProcessStartInfo(executable) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("metrics");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => _corpus.Dispose();
}
