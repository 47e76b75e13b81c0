using static TorchSharp.torch;

namespace Lamdas.Engine;

/// <summary>libtorch's CPU thread count, which belongs to a model, not to the process.</summary>
/// <remarks>
/// libtorch keeps its CPU thread count (OpenMP) per OS thread: <c>set_num_threads</c> changes the calling thread and the
/// threads created after it, not the threads already running. A model therefore carries its own count
/// (<see cref="Model.LanguageModel.Threads"/>, resolved when it is loaded), and the engine applies it on the thread that
/// computes, before every batch (<see cref="Apply"/>): two jobs in one process with different <c>threads</c> each compute
/// with, and name their score-store passes by, their own count, on whatever thread-pool thread they run.
/// </remarks>
public static class TorchRuntime
{
    // libtorch's default, read on first use, before any count is set through this class.
    private static readonly int DefaultCount = get_num_threads();

    /// <summary>libtorch's default CPU thread count in this process (all cores).</summary>
    public static int DefaultThreads => DefaultCount;

    /// <summary>The count a model loaded with <paramref name="threads"/> computes with: it, or the default for 0.</summary>
    public static int Resolve(int threads) => threads > 0 ? threads : DefaultCount;

    /// <summary>Gives the calling thread <paramref name="threads"/> CPU threads, when it has another count.</summary>
    public static void Apply(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (get_num_threads() != threads)
        {
            set_num_threads(threads);
        }
    }
}
