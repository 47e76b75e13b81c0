using System.Runtime.InteropServices;

namespace Lamdas.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM for a long command: the first one cancels <see cref="Token"/>, which the command's
/// loops check before every optimiser step or batch; the command then cleans up, prints one line saying it was
/// interrupted and exits with <see cref="ExitCode"/>. A second signal while it cleans up ends the process at once.
/// </summary>
internal sealed class ConsoleInterrupt : IDisposable
{
    /// <summary>The exit code of an interrupted command (128 + SIGINT, as a shell reports a Ctrl-C'd program).</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _signals;

    private ConsoleInterrupt(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first Ctrl-C or SIGTERM (or by the caller's token).</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether a signal (not only the caller's token) asked the command to stop.</summary>
    public bool Signalled => Volatile.Read(ref _signals) > 0;

    /// <summary>
    /// Runs <paramref name="body"/> with a token that the first Ctrl-C or SIGTERM cancels; when it stops because of one
    /// (an <see cref="OperationCanceledException"/>), prints <paramref name="interrupted"/> on stderr and returns
    /// <see cref="ExitCode"/>. A body that finishes anyway returns its own exit code.
    /// </summary>
    public static async Task<int> RunAsync(CancellationToken outer, string interrupted, Func<CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var guard = new ConsoleInterrupt(outer);
        try
        {
            return await body(guard.Token);
        }
        catch (OperationCanceledException) when (guard.Signalled)
        {
            return Interrupted(interrupted);
        }
    }

    /// <summary>As <see cref="RunAsync"/>, for a synchronous command body (run on the calling thread).</summary>
    public static int Run(CancellationToken outer, string interrupted, Func<CancellationToken, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var guard = new ConsoleInterrupt(outer);
        try
        {
            return body(guard.Token);
        }
        catch (OperationCanceledException) when (guard.Signalled)
        {
            return Interrupted(interrupted);
        }
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _source.Dispose();
    }

    private static int Interrupted(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCode;
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) > 1)
        {
            // A second signal: the default action (the process ends now).
            return;
        }

        context.Cancel = true;
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The command finished meanwhile.
        }
    }
}
