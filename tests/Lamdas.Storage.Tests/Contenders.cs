using System.Collections.Concurrent;

namespace Lamdas.Storage.Tests;

/// <summary>Runs the same attempt on many threads released at the same moment, to make concurrent calls really overlap.</summary>
internal static class Contenders
{
    /// <summary>Runs <paramref name="attempt"/>(i) for i in [0, <paramref name="count"/>), each on its own thread, all released together.</summary>
    public static bool[] Race(int count, Func<int, bool> attempt)
    {
        var results = new bool[count];
        var errors = new ConcurrentQueue<Exception>();
        using var start = new Barrier(count);
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                results[i] = attempt(i);
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (!errors.IsEmpty)
        {
            throw new AggregateException(errors);
        }

        return results;
    }
}
