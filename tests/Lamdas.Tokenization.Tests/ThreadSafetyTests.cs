using System.IO.Compression;
using System.Text.Json;

namespace Lamdas.Tokenization.Tests;

public sealed class ThreadSafetyTests
{
    [Theory]
    [InlineData("qwen2")]
    [InlineData("gpt2")]
    public void ParallelEncodingEqualsSequentialEncoding(string name)
    {
        ITextTokenizer tokenizer = SharedTokenizers.ByName(name);
        string[] texts = [.. TrickyStrings.All, .. CorpusSample(200)];
        int[][] sequential = texts.Select(t => tokenizer.Encode(t).ToArray()).ToArray();

        var mismatches = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, texts.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            // Different threads hit the same texts in different orders, sharing the library's word cache.
            int index = (int)((i * 7919L) % texts.Length);
            if (!tokenizer.Encode(texts[index]).SequenceEqual(sequential[index]))
            {
                mismatches.Add(index);
            }
        });

        Assert.Empty(mismatches);
    }

    private static IEnumerable<string> CorpusSample(int count)
    {
        if (!File.Exists(TestPaths.PretrainCorpus))
        {
            yield break;
        }

        using var reader = new StreamReader(new GZipStream(File.OpenRead(TestPaths.PretrainCorpus), CompressionMode.Decompress));
        for (int i = 0; i < count && reader.ReadLine() is { } line; i++)
        {
            using JsonDocument document = JsonDocument.Parse(line);
            yield return document.RootElement.GetProperty("text").GetString()!;
        }
    }
}
