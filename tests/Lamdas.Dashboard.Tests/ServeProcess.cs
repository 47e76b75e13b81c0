using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lamdas.Dashboard.Tests;

/// <summary>A one-silo <c>lamdas serve</c> process (the built CLI, in-memory state) on free loopback ports.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private ServeProcess(Process process, int httpPort)
    {
        this.process = process;
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    public Uri Http => new($"http://127.0.0.1:{HttpPort}/");

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static ServeProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(RepoPaths.Cli))
        {
            throw new InvalidOperationException($"{RepoPaths.Cli} is missing: build src/Lamdas.Cli first (./test.sh builds the solution)");
        }

        var http = FreePort();
        var start = new ProcessStartInfo(RepoPaths.Cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in new[] { "serve", "--silo-port", $"{FreePort()}", "--gateway-port", $"{FreePort()}", "--http-port", $"{http}" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var serve = new ServeProcess(process, http);
        process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    public async Task WaitHealthyAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"lamdas serve exited with {process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(Http, "healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"lamdas serve not healthy after {timeout.TotalSeconds:F0} s:\n{Log}");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
