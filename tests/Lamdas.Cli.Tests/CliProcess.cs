using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Lamdas.Cli.Tests;

/// <summary>
/// The built <c>lamdas</c> program running as a child process (started as <see cref="CliRunner"/> does), whose output
/// is watched while it runs and which can be sent POSIX signals with <c>kill</c>, as a terminal or an orchestrator does.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _arguments;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private CliProcess(Process process, string arguments)
    {
        this._process = process;
        this._arguments = arguments;
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static CliProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };

        // A program started with SIGINT ignored (a test run started in the background by a non-interactive shell)
        // passes that on, and .NET then leaves SIGINT ignored; the child gets the default disposition back first.
        if (IgnoresSigInt())
        {
            start.FileName = "env";
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add(CliRunner.DotnetHost());
        }
        else
        {
            start.FileName = CliRunner.DotnetHost();
        }

        start.ArgumentList.Add(CliRunner.ProgramPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var running = new CliProcess(process, string.Join(' ', arguments));
        process.OutputDataReceived += (_, e) => Append(running._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(running._stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits until stderr contains <paramref name="text"/>; fails the test if the program exits first or time runs out.</summary>
    public async Task WaitForStderrAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited, $"the program exited before printing \"{text}\"\n{Describe()}");
            Assert.True(DateTime.UtcNow < deadline, $"\"{text}\" not printed within {timeout.TotalSeconds:F0} s\n{Describe()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test if the program exits first or time runs out.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.False(_process.HasExited, $"the program exited before {what}\n{Describe()}");
            Assert.True(DateTime.UtcNow < deadline, $"not {what} within {timeout.TotalSeconds:F0} s\n{Describe()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Sends a signal (INT, TERM) with <c>kill</c>.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill")
        {
            ArgumentList = { "-" + name, _process.Id.ToString(CultureInfo.InvariantCulture) },
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start kill");
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -{name} {_process.Id} failed with {kill.ExitCode}");
    }

    /// <summary>The result once the program has exited, or null if it is still running after <paramref name="timeout"/>.</summary>
    public CliResult? WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return null;
        }

        _process.WaitForExit(); // the output events are drained
        string output;
        lock (_stdout)
        {
            output = _stdout.ToString();
        }

        return new CliResult(_arguments, _process.ExitCode, output, Stderr, _clock.Elapsed);
    }

    /// <summary>The command line and the output so far, for assertion messages.</summary>
    public string Describe()
    {
        string output;
        lock (_stdout)
        {
            output = _stdout.ToString();
        }

        return $"lamdas {_arguments}\nrunning for {_clock.Elapsed.TotalSeconds:F1}s\n--- stdout ---\n{output}\n--- stderr ---\n{Stderr}";
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    /// <summary>Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status).</summary>
    private static bool IgnoresSigInt()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return false;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0x2) != 0;
    }
}
