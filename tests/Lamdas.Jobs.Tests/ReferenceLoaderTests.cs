using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Scoring;
using Lamdas.Jobs.Spec;
using Lamdas.Selection;
using Lamdas.Storage;

namespace Lamdas.Jobs.Tests;

public sealed class ReferenceLoaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lamdas-sample-{Guid.NewGuid():N}");

    public ReferenceLoaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private List<ShardSpec> Files(int files, int perFile)
    {
        var shards = new List<ShardSpec>();
        for (var f = 0; f < files; f++)
        {
            var path = Path.Combine(_folder, $"f{f:D2}.jsonl");
            File.WriteAllLines(path, Enumerable.Range(0, perFile).Select(i => $$"""{"id": "f{{f}}-{{i}}", "text": "document {{i}} of file {{f}}"}"""));
            shards.Add(new ShardSpec(path, RecordFormat.Jsonl, 0, new FileInfo(path).Length, null));
        }

        return shards;
    }

    private static Task<List<PreparedDocument>> Sample(IReadOnlyList<ShardSpec> shards, int total) =>
        ReferenceLoader.SampleAsync(new ObjectStore(), shards,
            new DocumentPreparer(new RecordSpec { Id = "id", Text = "text" }, new TextJobScorer(new RandomScorer(0)), 64), total, CancellationToken.None);

    [Fact]
    public async Task FewShardsShareTheSampleAndTheFirstOnesTakeTheRemainder()
    {
        var sample = await Sample(Files(3, 10), 7);
        Assert.Equal(["f0-0", "f0-1", "f0-2", "f1-0", "f1-1", "f2-0", "f2-1"], sample.Select(d => d.Id));
    }

    [Fact]
    public async Task ManyShardsAreSampledAtEvenlySpacedShardsOnly()
    {
        var sample = await Sample(Files(12, 5), 4);
        Assert.Equal(["f0-0", "f3-0", "f6-0", "f9-0"], sample.Select(d => d.Id));
    }
}
