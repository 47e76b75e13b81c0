namespace Lamdas.Cli;

/// <summary>A usage or input error reported on stderr with a non-zero exit code.</summary>
public sealed class CliException(string message) : Exception(message);
