using Lamdas.Engine.Training;

namespace Lamdas.Engine.Tests;

/// <summary>Pretraining batches: epochs in proportion at temperature 1, domain-balanced draws above it, replayable.</summary>
public sealed class PretrainBatchStreamTests
{
    // 90 documents of domain "big", 10 of "small"; each 8 tokens long (an 8-token bucket), 64 tokens per batch.
    private static (List<int[]> Documents, List<string?> Domains) Corpus()
    {
        var documents = Enumerable.Range(0, 100).Select(i => Enumerable.Repeat(i, 8).ToArray()).ToList();
        var domains = Enumerable.Range(0, 100).Select(i => (string?)(i < 90 ? "big" : "small")).ToList();
        return (documents, domains);
    }

    private static List<int> Draws(PretrainBatchStream stream, int count)
    {
        var drawn = new List<int>();
        while (drawn.Count < count)
        {
            var (documents, batch) = stream.Next();
            Assert.Equal(documents.Count, batch.Members.Length);
            drawn.AddRange(documents.Select(d => d[0]));
        }

        return drawn.Take(count).ToList();
    }

    [Fact]
    public void AtTemperatureOneEachEpochHoldsEveryDocumentOnce()
    {
        var (documents, domains) = Corpus();
        var stream = new PretrainBatchStream(documents, domains, 64, seed: 3, temperature: 1);
        Assert.False(stream.Balanced);
        var drawn = Draws(stream, 300);
        for (var epoch = 0; epoch < 3; epoch++)
        {
            Assert.Equal(Enumerable.Range(0, 100), drawn.Skip(epoch * 100).Take(100).Order());
        }

        Assert.NotEqual(drawn.Take(100), drawn.Skip(100).Take(100));
    }

    [Theory]
    [InlineData(1.0, 0.10)]
    [InlineData(2.0, 0.25)] // √10 / (√90 + √10)
    [InlineData(1e9, 0.50)]
    public void DomainsAreDrawnWithProbabilityProportionalToTheirSizeToThePowerOneOverT(double temperature, double smallShare)
    {
        var (documents, domains) = Corpus();
        var stream = new PretrainBatchStream(documents, domains, 64, seed: 5, temperature);
        var drawn = Draws(stream, 8000);
        var observed = drawn.Count(i => i >= 90) / (double)drawn.Count;
        Assert.InRange(observed, smallShare - 0.02, smallShare + 0.02);
        Assert.Equal(smallShare, stream.Shares[stream.Domains.ToList().IndexOf("small")], 3);

        // Within a domain, documents are used up before any repeats.
        var firstSmall = drawn.Where(i => i >= 90).Take(10).ToList();
        Assert.Equal(Enumerable.Range(90, 10), firstSmall.Order());
    }

    [Fact]
    public void ACorpusWithoutDomainsIsNotBalanced()
    {
        var (documents, _) = Corpus();
        var stream = new PretrainBatchStream(documents, documents.Select(_ => (string?)null).ToList(), 64, seed: 1, temperature: 3);
        Assert.False(stream.Balanced);
        Assert.Equal(Enumerable.Range(0, 100), Draws(stream, 100).Order());
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void SkippingStepsReplaysTheSameBatches(double temperature)
    {
        var (documents, domains) = Corpus();
        var documentsOfVaryingLength = documents.Select((d, i) => Enumerable.Repeat(i, 5 + (i % 23)).ToArray()).ToList();
        var full = new PretrainBatchStream(documentsOfVaryingLength, domains, 64, seed: 9, temperature);
        var expected = Enumerable.Range(0, 40).Select(_ => full.Next().Documents.Select(d => d[0]).ToArray()).ToList();

        var resumed = new PretrainBatchStream(documentsOfVaryingLength, domains, 64, seed: 9, temperature);
        resumed.Skip(25);
        for (var step = 25; step < 40; step++)
        {
            Assert.Equal(expected[step], resumed.Next().Documents.Select(d => d[0]).ToArray());
        }

        Assert.All(expected, batch => Assert.True(batch.Sum(i => 5 + (i % 23)) <= 64 || batch.Length == 1));
    }
}
