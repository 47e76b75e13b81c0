using static TorchSharp.torch;

namespace Lamdas.Engine;

/// <summary>Process-wide libtorch settings.</summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _configured;

    /// <summary>Sets the intra-op thread count once per process (0 keeps libtorch's default).</summary>
    public static void Configure(int threads)
    {
        lock (Gate)
        {
            if (threads > 0)
            {
                set_num_threads(threads);
            }

            _configured = true;
        }
    }

    public static bool Configured => _configured;
}
