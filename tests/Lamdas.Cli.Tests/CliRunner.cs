using System.Diagnostics;

namespace Lamdas.Cli.Tests;

/// <summary>
/// Runs the built <c>lamdas</c> program (lamdas.dll, copied into this test project's output through the project
/// reference) as a child process with <c>dotnet</c>, capturing exit code, stdout and stderr.
/// </summary>
internal static class CliRunner
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "lamdas.dll");

    public static CliResult Run(params string[] arguments) => Run(DefaultTimeout, arguments);

    public static CliResult Run(TimeSpan timeout, params string[] arguments) => Run(timeout, null, arguments);

    /// <summary>
    /// Runs the program with <paramref name="environment"/> applied to the inherited environment (a null value
    /// removes the variable).
    /// </summary>
    public static CliResult Run(TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        if (!File.Exists(ProgramPath))
        {
            throw new InvalidOperationException($"{ProgramPath} not found: the test project must reference src/Lamdas.Cli");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(ProgramPath);
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

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException(
                $"lamdas {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:F0}s\n" +
                $"--- stdout ---\n{stdout.Result}\n--- stderr ---\n{stderr.Result}");
        }

        process.WaitForExit();
        return new CliResult(string.Join(' ', arguments), process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }

    /// <summary>The dotnet host running these tests (the test host is itself started by it).</summary>
    internal static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return "dotnet";
    }
}
