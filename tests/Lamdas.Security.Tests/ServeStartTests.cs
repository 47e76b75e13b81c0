using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Lamdas.Security.Tests;

/// <summary><c>lamdas serve</c> that cannot start says why in one line and exits 2, instead of crashing with a stack trace.</summary>
[Integration]
public sealed class ServeStartTests
{
    [Fact]
    public async Task ATakenHttpPortIsOneLineAndExit2()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, stderr) = await RunServeAsync(["--http-port", $"{port}"], Team());
        Assert.True(code == 2, $"exit {code}:\n{stderr}");
        Assert.Contains($"{port}", stderr, StringComparison.Ordinal);
        AssertOneLine(stderr);
    }

    [Fact]
    public async Task NoTeamConfiguredIsOneLineAndExit2()
    {
        var (code, stderr) = await RunServeAsync(["--http-port", $"{FreePort()}"], new Dictionary<string, string>());
        Assert.True(code == 2, $"exit {code}:\n{stderr}");
        Assert.Contains("Lamdas:Teams", stderr, StringComparison.Ordinal);
        AssertOneLine(stderr);
    }

    [Fact]
    public async Task AnOutOfRangeThreadCountIsOneLineAndExit2()
    {
        var (code, stderr) = await RunServeAsync(["--http-port", $"{FreePort()}", "--threads", "5000"], Team());
        Assert.True(code == 2, $"exit {code}:\n{stderr}");
        Assert.Contains("Threads", stderr, StringComparison.Ordinal);
        AssertOneLine(stderr);
    }

    private static void AssertOneLine(string stderr)
    {
        var errors = stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.Single(errors);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Team() => new()
    {
        ["Lamdas__Teams__0__Name"] = "t",
        ["Lamdas__Teams__0__ApiKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("k"))),
        ["Lamdas__Teams__0__InputPrefixes__0"] = "/tmp/",
        ["Lamdas__Teams__0__OutputPrefixes__0"] = "/tmp/",
    };

    private static async Task<(int Code, string Stderr)> RunServeAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(SiloProcess.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[] { "serve", "--silo-port", $"{FreePort()}", "--gateway-port", $"{FreePort()}", "--cluster-id", "start-test" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"serve did not exit within 90 s:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stderr + await stdout);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
