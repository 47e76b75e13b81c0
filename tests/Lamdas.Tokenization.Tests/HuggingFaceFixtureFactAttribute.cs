namespace Lamdas.Tokenization.Tests;

/// <summary>A fact that is skipped, with the reason shown by the runner, when tests/fixtures/hf/tokenizer-ids.jsonl is absent.</summary>
public sealed class HuggingFaceFixtureFactAttribute : FactAttribute
{
    public HuggingFaceFixtureFactAttribute()
    {
        if (!File.Exists(TestPaths.HuggingFaceFixture))
        {
            Skip = $"Hugging Face reference fixture not found at {TestPaths.HuggingFaceFixture}.";
        }
    }
}
