using Lamdas.Engine;
using Lamdas.Engine.Model;
using Lamdas.Engine.Scoring;
using Lamdas.Jobs.Scoring.Passes;
using static TorchSharp.torch;

namespace Lamdas.Jobs.Tests;

/// <summary>
/// libtorch keeps its CPU thread count per OS thread: a thread-pool thread on which an earlier job set another count
/// must still name, and compute with, the process's count, or a score store holds one pass under two keys.
/// </summary>
public sealed class PassKeyThreadTests
{
    [Fact]
    public void AThreadLeftAtAnotherThreadCountGetsTheProcessKeyAndComputesWithIt()
    {
        using var model = LanguageModel.Load(RepoPaths.TinyModel);
        var engine = new LogLikelihoodEngine(model, new ScoringOptions { MaxTokens = 16 });
        var threads = TorchRuntime.Threads;
        var expected = PassKey.Base(engine);
        var document = engine.Tokenize("def add(a, b):\n    return a + b\n");
        var onThisThread = engine.PassLogProbs([document], null, null, CancellationToken.None)[0];

        string? key = null;
        var computedWith = 0;
        DocumentLogProb? there = null;
        var other = new Thread(() =>
        {
            try
            {
                set_num_threads(threads == 1 ? 2 : 1);
                key = PassKey.Base(engine);
                there = engine.PassLogProbs([document], null, null, CancellationToken.None)[0];
                computedWith = get_num_threads();
            }
            finally
            {
                set_num_threads(threads); // threads started later take the last count set
            }
        });
        other.Start();
        other.Join();

        Assert.Equal(expected, key);
        Assert.Equal(threads, computedWith);
        Assert.Equal(onThisThread, there);
    }
}
