using Lamdas.Engine.Model;

namespace Lamdas.Engine.Tests;

/// <summary>Loads the two reference checkpoints once per test class.</summary>
public sealed class ModelFixtures : IDisposable
{
    public ModelFixtures()
    {
        Qwen2 = LanguageModel.Load(FixtureModel.Prepare("qwen2-tiny"), new EngineOptions { Threads = 2 });
        Llama = LanguageModel.Load(FixtureModel.Prepare("llama-tiny"), new EngineOptions { Threads = 2 });
    }

    public LanguageModel Qwen2 { get; }

    public LanguageModel Llama { get; }

    public LanguageModel Get(string name) => name == "qwen2-tiny" ? Qwen2 : Llama;

    public void Dispose()
    {
        Qwen2.Dispose();
        Llama.Dispose();
    }
}
