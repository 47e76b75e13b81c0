using static TorchSharp.torch;

namespace Lamdas.Engine;

/// <summary>Process-wide libtorch settings.</summary>
/// <remarks>
/// libtorch's CPU thread count (OpenMP) is kept per OS thread: <c>set_num_threads</c> changes the calling thread and the
/// threads created after it, not the threads already running. The process's count is therefore kept here and applied
/// on the thread that computes (<see cref="Apply"/>, at the start of every pass and of prefix training), so a pass
/// computes with, and a score-store key names, the same count on whatever thread-pool thread it runs.
/// </remarks>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static int _threads;

    /// <summary>Sets the intra-op thread count of the process (0 keeps libtorch's default, read at the first call).</summary>
    public static void Configure(int threads)
    {
        lock (Gate)
        {
            if (threads > 0)
            {
                _threads = threads;
            }
            else if (_threads == 0)
            {
                _threads = get_num_threads();
            }
        }

        Apply();
    }

    public static bool Configured => Volatile.Read(ref _threads) > 0;

    /// <summary>The process's CPU thread count (libtorch's default on this thread before <see cref="Configure"/>).</summary>
    public static int Threads => Volatile.Read(ref _threads) is > 0 and var threads ? threads : get_num_threads();

    /// <summary>Gives the calling thread the process's thread count, when it has another.</summary>
    public static void Apply()
    {
        var threads = Volatile.Read(ref _threads);
        if (threads > 0 && get_num_threads() != threads)
        {
            set_num_threads(threads);
        }
    }
}
