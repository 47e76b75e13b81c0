namespace Lamdas.Cli;

/// <summary>A usage or input error reported on stderr with a non-zero exit code (1 unless given).</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>Exit code for bad configuration (settings, files, ports).</summary>
    public const int BadConfiguration = 2;

    /// <summary>The process's exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
