using System.Diagnostics;
using System.Text;

namespace Lamdas.Testing;

/// <summary>
/// A <c>lamdas serve</c> process (the built CLI) on free loopback ports — with Redis, or alone with in-memory state —
/// whose output is kept for failure messages.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SiloProcess(Process process, int siloPort, int httpPort)
    {
        this._process = process;
        SiloPort = siloPort;
        HttpPort = httpPort;
    }

    public int SiloPort { get; }

    public int HttpPort { get; }

    public Uri Http => new($"http://127.0.0.1:{HttpPort}/");

    public bool Exited => _process.HasExited;

    /// <summary>The process's resident memory now (VmRSS), in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }

            throw new InvalidOperationException($"no VmRSS for process {_process.Id}");
        }
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static string Executable => Path.Combine(RepoPaths.Root, "src", "Lamdas.Cli", "bin", "Release", "net10.0", "lamdas");

    public static SiloProcess Start(string? redis, IReadOnlyDictionary<string, string> environment, int? siloPort = null)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: build the solution first (./test.sh does)");
        }

        var port = siloPort ?? FreePorts.Next();
        var http = FreePorts.Next();
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        var arguments = new List<string> { "serve" };
        if (redis is not null)
        {
            arguments.AddRange(["--redis", redis]);
        }

        foreach (var argument in arguments.Concat(new[] { "--silo-port", $"{port}", "--gateway-port", $"{FreePorts.Next()}", "--http-port", $"{http}", "--cluster-id", "e2e" }))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var silo = new SiloProcess(process, port, http);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    public async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"silo exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Http, "healthz"));
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

        throw new TimeoutException($"silo on port {SiloPort} not healthy after {timeout.TotalSeconds:F0} s:\n{Log}");
    }

    /// <summary>SIGKILL: the process gets no chance to give back its leases.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
