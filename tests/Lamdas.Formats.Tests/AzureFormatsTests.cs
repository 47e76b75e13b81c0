using Lamdas.Storage;

namespace Lamdas.Formats.Tests;

[Integration]
[Collection(AzuriteCollection.Name)]
public sealed class AzureFormatsTests : IDisposable
{
    private readonly AzuriteServer _azurite;
    private readonly IObjectStore _store;
    private readonly TempDirectory _dir = new();

    public AzureFormatsTests(AzuriteServer azurite)
    {
        _azurite = azurite;
        _store = new ObjectStore(new StorageOptions { AzureConnectionString = azurite.ConnectionString, BlobBlockBytes = 4096 });
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ShardsOfJsonlAndParquetBlobsAreReadThroughRanges()
    {
        var container = await _azurite.CreateContainerAsync();
        var jsonl = JsonlRoundTripTests.Sample();
        var parquet = await ParquetSample.WriteAsync();
        await _store.WriteAsync($"az://{container}/in/a.jsonl", (s, ct) => s.WriteAsync(jsonl.Bytes, ct).AsTask());
        await _store.WriteAsync($"az://{container}/in/b.parquet", (s, ct) => s.WriteAsync(parquet, ct).AsTask());

        var inputs = await _store.ListAsync($"az://{container}/in/*");
        var shards = await ShardPlanner.PlanAsync(_store, inputs, 1_000_000, CancellationToken.None);
        var results = new List<ReadResult>();
        foreach (var shard in shards)
        {
            results.AddRange(await Reading.ReadAllAsync(_store, shard));
        }

        Assert.Equal(4 + 3, shards.Count); // the 3 MB JSONL in four ranges, the Parquet file's three row groups
        var lines = results.Where(r => r.Record!.Source.EndsWith(".jsonl")).Select(r => r.Record!).ToList();
        var rows = results.Where(r => r.Record!.Source.EndsWith(".parquet")).Select(r => r.Record!).ToList();
        Assert.Equal(jsonl.Starts, lines.Select(r => r.Position));
        Assert.Equal(jsonl.Lines.Select(Convert.ToHexString), lines.Select(r => Convert.ToHexString(r.Raw.Span)));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), rows.Select(r => r.Position));
        Assert.All(rows, r => ParquetTests.AssertRowJson(ParquetSample.Rows[(int)r.Position], r.Json!.Value));
        Assert.All(rows, r => Assert.Equal($"az://{container}/in/b.parquet", r.Source));
    }

    [Fact]
    public async Task SelectedRecordsAreWrittenToABlobAndReadBack()
    {
        var container = await _azurite.CreateContainerAsync();
        var jsonl = JsonlRoundTripTests.Sample();
        var input = _dir.Write("in.jsonl", jsonl.Bytes);
        var records = (await Reading.ReadFileAsync(_store, input)).Select(r => r.Record!).ToList();
        var target = StorageUri.Combine($"az://{container}/out", "selected/part-00000" + RecordFormats.Extension(RecordFormat.JsonlZstd));

        await _store.WriteAsync(target, async (stream, ct) =>
        {
            await using var writer = SelectedRecordWriters.Create(stream, RecordFormat.JsonlZstd);
            foreach (var record in records.Where((_, i) => i != 2))
            {
                await writer.WriteAsync(record, ct);
            }

            await writer.CompleteAsync(ct);
        });

        var reread = await Reading.ReadFileAsync(_store, target);
        Assert.Equal(
            jsonl.Lines.Where((_, i) => i != 2).Select(Convert.ToHexString),
            reread.Select(r => Convert.ToHexString(r.Record!.Raw.Span)));
        Assert.Equal([target], (await _store.ListPrefixAsync($"az://{container}/out")).Select(o => o.Uri));
    }
}
