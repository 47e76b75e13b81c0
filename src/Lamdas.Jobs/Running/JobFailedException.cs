namespace Lamdas.Jobs.Running;

/// <summary>A job that cannot run (no input, wrong output folder, missing model…); the message says what to fix.</summary>
public sealed class JobFailedException(string message, Exception? inner = null) : Exception(message, inner);
