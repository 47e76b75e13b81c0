using System.Diagnostics;

namespace Lamdas.Deploy.Tests.Checks;

/// <summary>What one run of an external tool (helm, node, dotnet, the published lamdas) produced.</summary>
public sealed record ToolRun(string CommandLine, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> (no shell), capturing both streams; kills the
    /// process tree and throws when it outlives <paramref name="timeout"/>. <paramref name="environment"/> entries
    /// with a null value are removed from the child's environment.
    /// </summary>
    public static ToolRun Start(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var commandLine = string.Join(' ', new[] { fileName }.Concat(start.ArgumentList));
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{commandLine} did not finish within {timeout.TotalSeconds:F0} s\n--- stdout ---\n{Tail(stdout.Result)}\n--- stderr ---\n{Tail(stderr.Result)}");
        }

        process.WaitForExit();
        return new ToolRun(commandLine, process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }

    /// <summary>The command line, exit code and the end of both streams, for assertion messages.</summary>
    public string Describe() =>
        $"{CommandLine}\nexit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";

    /// <summary>Fails the test, showing the output, unless the tool exited with 0.</summary>
    public ToolRun AssertSuccess()
    {
        Assert.True(ExitCode == 0, "expected exit code 0\n" + Describe());
        return this;
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}
