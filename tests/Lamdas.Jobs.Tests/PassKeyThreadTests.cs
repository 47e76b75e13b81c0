using Lamdas.Engine;
using Lamdas.Engine.Model;
using Lamdas.Engine.Scoring;
using Lamdas.Jobs.Scoring.Passes;
using static TorchSharp.torch;

namespace Lamdas.Jobs.Tests;

/// <summary>
/// libtorch keeps its CPU thread count per OS thread. A model computes with, and a score-store key names, the model's
/// own count on whatever thread runs it: a thread-pool thread left at another job's count, or a second model loaded
/// later in the process with another count, changes neither.
/// </summary>
public sealed class PassKeyThreadTests
{
    private const string Code = "def add(a, b):\n    return a + b\n";

    [Fact]
    public void AThreadLeftAtAnotherThreadCountGetsTheModelsKeyAndComputesWithIt()
    {
        using var model = LanguageModel.Load(RepoPaths.TinyModel);
        var engine = new LogLikelihoodEngine(model, new ScoringOptions { MaxTokens = 16 });
        var expected = PassKey.Base(engine);
        var document = engine.Tokenize(Code);
        var onThisThread = engine.PassLogProbs([document], null, null, CancellationToken.None)[0];

        var (key, there, computedWith) = OnAThreadAt(model.Threads == 1 ? 2 : 1, () =>
            (PassKey.Base(engine), engine.PassLogProbs([document], null, null, CancellationToken.None)[0]));

        Assert.Equal(TorchRuntime.DefaultThreads, model.Threads);
        Assert.Equal(expected, key);
        Assert.Equal(model.Threads, computedWith);
        Assert.Equal(onThisThread, there);
    }

    [Fact]
    public void TwoModelsInOneProcessKeepTheirOwnThreadCounts()
    {
        using var one = LanguageModel.Load(RepoPaths.TinyModel, new EngineOptions { Threads = 1 });
        using var two = LanguageModel.Load(RepoPaths.TinyModel, new EngineOptions { Threads = 2 });
        var engineOne = new LogLikelihoodEngine(one, new ScoringOptions { MaxTokens = 16 });
        var engineTwo = new LogLikelihoodEngine(two, new ScoringOptions { MaxTokens = 16 });
        var document = engineOne.Tokenize(Code);

        // The model loaded first still computes with its own count after the second was loaded with another.
        var (_, _, oneComputedWith) = OnAThreadAt(2, () => (PassKey.Base(engineOne), engineOne.PassLogProbs([document], null, null, CancellationToken.None)[0]));
        var (_, _, twoComputedWith) = OnAThreadAt(1, () => (PassKey.Base(engineTwo), engineTwo.PassLogProbs([document], null, null, CancellationToken.None)[0]));

        Assert.Equal((1, 2), (one.Threads, two.Threads));
        Assert.Equal(1, oneComputedWith);
        Assert.Equal(2, twoComputedWith);
        Assert.NotEqual(PassKey.Base(engineOne), PassKey.Base(engineTwo));
    }

    /// <summary>Runs <paramref name="work"/> on a new thread whose count is first set to <paramref name="count"/>; returns the count it computed with.</summary>
    private static (string Key, DocumentLogProb Result, int ComputedWith) OnAThreadAt(int count, Func<(string, DocumentLogProb)> work)
    {
        (string, DocumentLogProb, int) outcome = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            var before = get_num_threads();
            try
            {
                set_num_threads(count);
                var (key, result) = work();
                outcome = (key, result, get_num_threads());
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                set_num_threads(before); // threads started later take the last count set
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? outcome : throw new InvalidOperationException("the work failed on its thread", failure);
    }
}
