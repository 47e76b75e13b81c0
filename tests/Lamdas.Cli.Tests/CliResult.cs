namespace Lamdas.Cli.Tests;

/// <summary>What one run of the <c>lamdas</c> program produced.</summary>
internal sealed record CliResult(string Arguments, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>A description for assertion messages: the command line, exit code and both streams.</summary>
    public string Describe() =>
        $"lamdas {Arguments}\nexit code {ExitCode} after {Elapsed.TotalSeconds:F1}s\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>Fails the test (showing both streams) unless the run exited with 0.</summary>
    public CliResult AssertSuccess()
    {
        Assert.True(ExitCode == 0, "expected exit code 0\n" + Describe());
        return this;
    }

    /// <summary>
    /// Fails the test unless the run failed cleanly: exit code 1 (the CLI's error exit), a message on stderr
    /// starting with "error:", and no unhandled-exception dump.
    /// </summary>
    public CliResult AssertCleanFailure()
    {
        Assert.True(ExitCode == 1, "expected exit code 1 (reported error)\n" + Describe());
        Assert.Contains("error:", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        return this;
    }
}
