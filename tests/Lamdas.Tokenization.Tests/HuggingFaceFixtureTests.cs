namespace Lamdas.Tokenization.Tests;

/// <summary>Ids must equal Hugging Face tokenizers' output (add_special_tokens=False, encode_special_tokens=True).</summary>
public sealed class HuggingFaceFixtureTests
{
    [HuggingFaceFixtureFact]
    public void ReferenceMachineFixtureMatches()
    {
        string path = TestPaths.HuggingFaceFixture;
        IdFixture.AssertAllMatch(path, IdFixture.Read(path));
    }

    [Fact]
    public void NodeBindingFixtureMatchesQwen2()
    {
        string path = TestPaths.NodeReferenceFixture;
        IdFixture.AssertAllMatch(path, IdFixture.Read(path).Where(c => c.Tokenizer == "qwen2"));
    }

    [Fact]
    public void NodeBindingFixtureMatchesGpt2()
    {
        string path = TestPaths.NodeReferenceFixture;
        IdFixture.AssertAllMatch(path, IdFixture.Read(path).Where(c => c.Tokenizer == "gpt2"));
    }
}
