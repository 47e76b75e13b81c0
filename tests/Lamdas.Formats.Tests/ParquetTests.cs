using System.Text.Json;
using Lamdas.Storage;
using Parquet;
using Parquet.Schema;

namespace Lamdas.Formats.Tests;

public sealed class ParquetTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly IObjectStore _store = new ObjectStore();

    public void Dispose() => _dir.Dispose();

    internal static void AssertRowJson(SampleRow expected, JsonElement json)
    {
        Assert.Equal(expected.Id, json.GetProperty("id").GetString());
        Assert.Equal(expected.Text, json.GetProperty("text").GetString());
        Assert.Equal(expected.N, json.GetProperty("n").GetInt64());
        if (double.IsNaN(expected.X))
        {
            Assert.Equal("NaN", json.GetProperty("x").GetString());
        }
        else
        {
            Assert.Equal(expected.X, json.GetProperty("x").GetDouble());
        }

        Assert.Equal(expected.B, json.GetProperty("b").GetBoolean());
        if (expected.Note is null)
        {
            Assert.Equal(JsonValueKind.Null, json.GetProperty("note").ValueKind);
        }
        else
        {
            Assert.Equal(expected.Note, json.GetProperty("note").GetString());
        }

        Assert.Equal(6, json.EnumerateObject().Count());
    }

    [Fact]
    public async Task ThePlannerGivesOneShardPerRowGroupAndEachReadsItsRows()
    {
        var file = await ParquetSample.WriteAsync();
        var path = _dir.Write("in.parquet", file);

        var shards = await ShardPlanner.PlanAsync(_store, [(await _store.GetAsync(path))!], 1, CancellationToken.None);

        Assert.Equal([0, 1, 2], shards.Select(s => s.RowGroup));
        Assert.All(shards, s => Assert.Equal(RecordFormat.Parquet, s.Format));
        Assert.Equal(4, shards[0].Start); // right after the "PAR1" magic
        Assert.All(shards.Zip(shards.Skip(1)), p => Assert.True(p.First.End <= p.Second.Start));
        Assert.True(shards[2].End < file.Length);

        var start = 0;
        for (var g = 0; g < 3; g++)
        {
            var results = await Reading.ReadAllAsync(_store, shards[g]);
            Assert.Equal(Enumerable.Range(start, ParquetSample.GroupSizes[g]).Select(i => (long)i), results.Select(r => r.Record!.Position));
            foreach (var record in results.Select(r => r.Record!))
            {
                AssertRowJson(ParquetSample.Rows[(int)record.Position], record.Json!.Value);
                Assert.True(record.Raw.IsEmpty);
                Assert.Equal(path, record.Source);
            }

            start += ParquetSample.GroupSizes[g];
        }
    }

    [Fact]
    public async Task AWholeFileShardReadsEveryRow()
    {
        var path = _dir.Write("in.parquet", await ParquetSample.WriteAsync());

        var results = await Reading.ReadAllAsync(_store, new ShardSpec(path, RecordFormat.Parquet, 0, 0, null));

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), results.Select(r => r.Record!.Position));
        Assert.Equal(new object?[] { "doc-0099", "text 99 ü 日本 " + new string('t', 99) }, results[99].Record!.Values!.Take(2));
    }

    [Fact]
    public async Task ASelectedSubsetIsWrittenWithTheInputSchemaAndReadsBack()
    {
        var path = _dir.Write("in.parquet", await ParquetSample.WriteAsync());
        var records = (await Reading.ReadAllAsync(_store, new ShardSpec(path, RecordFormat.Parquet, 0, 0, null))).Select(r => r.Record!).ToList();
        var selected = records.Where(r => r.Position % 3 == 1).ToList();
        var schema = await ParquetSchemaSource.ReadAsync(_store, path, CancellationToken.None);

        var written = await Reading.WriteAsync(selected, RecordFormat.Parquet, schema);
        var again = await Reading.WriteAsync(selected, RecordFormat.Parquet, schema);

        Assert.Equal(written, again);
        Assert.Equal(ParquetSample.Rows.Where((_, i) => i % 3 == 1), await ParquetSample.ReadAsync(written));
        await using (var reader = await ParquetReader.CreateAsync(new MemoryStream(written), null, false, default))
        {
            Assert.Equal(
                ParquetSample.Fields.Select(f => (f.Name, f.IsNullable)),
                reader.Schema.DataFields.Select(f => (f.Name, f.IsNullable)));
            Assert.Equal([typeof(long), typeof(double), typeof(bool)], reader.Schema.DataFields[2..5].Select(f => f.ClrType));
        }

        var outPath = _dir.Write("selected.parquet", written);
        var reread = await Reading.ReadAllAsync(_store, new ShardSpec(outPath, RecordFormat.Parquet, 0, 0, null));
        Assert.Equal(selected.Count, reread.Count);
        for (var i = 0; i < reread.Count; i++)
        {
            Assert.Equal(i, reread[i].Record!.Position);
            AssertRowJson(ParquetSample.Rows[(int)selected[i].Position], reread[i].Record!.Json!.Value);
        }
    }

    [Fact]
    public async Task CreateAsyncWritesWithTheSchemaOfTheShardsFile()
    {
        var path = _dir.Write("in.parquet", await ParquetSample.WriteAsync());
        var shards = await ShardPlanner.PlanAsync(_store, [(await _store.GetAsync(path))!], 1, CancellationToken.None);
        var output = new MemoryStream();

        await using (var writer = await SelectedRecordWriters.CreateAsync(output, RecordFormat.Parquet, _store, shards[1], CancellationToken.None))
        {
            foreach (var result in await Reading.ReadAllAsync(_store, shards[1]))
            {
                await writer.WriteAsync(result.Record!);
            }

            await writer.CompleteAsync();
        }

        Assert.Equal(ParquetSample.Rows.Skip(40).Take(35), await ParquetSample.ReadAsync(output.ToArray()));
        await Assert.ThrowsAsync<ArgumentException>(() => SelectedRecordWriters.CreateAsync(
            new MemoryStream(), RecordFormat.Parquet, _store, new ShardSpec(path + ".jsonl", RecordFormat.Jsonl, 0, 10, null), CancellationToken.None));
    }

    [Fact]
    public async Task ParquetRecordsWrittenAsJsonlAreTheirJsonObjects()
    {
        var path = _dir.Write("in.parquet", await ParquetSample.WriteAsync());
        var records = (await Reading.ReadAllAsync(_store, new ShardSpec(path, RecordFormat.Parquet, 0, 0, null))).Select(r => r.Record!).ToList();

        var jsonl = await Reading.WriteAsync(records, RecordFormat.Jsonl);

        var lines = System.Text.Encoding.UTF8.GetString(jsonl).Split('\n');
        Assert.Equal(101, lines.Length);
        Assert.Equal("", lines[^1]);
        for (var i = 0; i < 100; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            AssertRowJson(ParquetSample.Rows[i], json.RootElement);
        }
    }

    [Fact]
    public async Task SmallRowGroupLimitsSplitTheOutput()
    {
        var path = _dir.Write("in.parquet", await ParquetSample.WriteAsync());
        var records = (await Reading.ReadAllAsync(_store, new ShardSpec(path, RecordFormat.Parquet, 0, 0, null))).Select(r => r.Record!).ToList();
        var schema = new ParquetSchemaSource((await ParquetSchemaSource.ReadAsync(_store, path, CancellationToken.None)).Schema) { MaxRowGroupRows = 30 };

        var written = await Reading.WriteAsync(records, RecordFormat.Parquet, schema);

        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(written), null, false, default);
        Assert.Equal([30L, 30, 30, 10], reader.Metadata!.RowGroups.Select(g => g.NumRows));
        Assert.Equal(ParquetSample.Rows, await ParquetSample.ReadAsync(written));
    }

    [Fact]
    public async Task ACorruptRowGroupIsOneBadRecordAndTheOthersAreRead()
    {
        var file = await ParquetSample.WriteAsync();
        await using (var reader = await ParquetReader.CreateAsync(new MemoryStream(file), null, false, default))
        {
            foreach (var column in reader.Metadata!.RowGroups[1].Columns)
            {
                var meta = column.MetaData!;
                var start = meta.DictionaryPageOffset is > 0 and var d ? Math.Min(d, meta.DataPageOffset) : meta.DataPageOffset;
                var middle = (int)(start + (meta.TotalCompressedSize / 2));
                file.AsSpan(middle - 8, 16).Fill(0xFF);
            }
        }

        var path = _dir.Write("corrupt.parquet", file);

        var results = await Reading.ReadAllAsync(_store, new ShardSpec(path, RecordFormat.Parquet, 0, 0, null));

        Assert.Equal(40 + 1 + 25, results.Count);
        Assert.Equal(Enumerable.Range(0, 40).Concat(Enumerable.Range(75, 25)).Select(i => (long)i), results.Where(r => r.Record is not null).Select(r => r.Record!.Position));
        var bad = results[40].Bad!;
        Assert.Equal(40, bad.Position);
        Assert.StartsWith("unreadable Parquet row group 1: ", bad.Reason);
        Assert.True(bad.Raw.IsEmpty);
        Assert.All(results.Where(r => r.Record is not null), r => AssertRowJson(ParquetSample.Rows[(int)r.Record!.Position], r.Record!.Json!.Value));
    }

    [Fact]
    public async Task NestedSchemasAreRejectedNamingTheColumn()
    {
        var schema = new ParquetSchema(new DataField<int>("id"), new StructField("meta", new DataField<string>("lang")));
        var output = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, output, null, false, default))
        {
        }

        var path = _dir.Write("nested.parquet", output.ToArray());

        var read = await Assert.ThrowsAsync<FormatException>(() => RecordReaders.OpenAsync(_store, new ShardSpec(path, RecordFormat.Parquet, 0, 0, null), new RecordReaderOptions(), default));
        var write = Assert.Throws<FormatException>(() => new ParquetSchemaSource(schema));

        Assert.Contains("column 'meta' is a nested (struct) column", read.Message);
        Assert.Contains(path, read.Message);
        Assert.Contains("column 'meta'", write.Message);
    }

    [Fact]
    public async Task ParquetOutputNeedsASchemaAndParquetRecords()
    {
        var schema = new ParquetSchemaSource(new ParquetSchema(ParquetSample.Fields));
        var jsonlRecord = new SourceRecord("a.jsonl", 0, "{}"u8.ToArray(), null);

        Assert.Throws<ArgumentException>(() => SelectedRecordWriters.Create(new MemoryStream(), RecordFormat.Parquet));
        await Assert.ThrowsAsync<ArgumentException>(() => Reading.WriteAsync([jsonlRecord], RecordFormat.Parquet, schema));
    }

    [Fact]
    public async Task AFileThatIsNotParquetIsAFormatError()
    {
        var path = _dir.Write("fake.parquet", "this is not parquet at all, just some text"u8.ToArray());

        var error = await Assert.ThrowsAsync<FormatException>(() => RecordReaders.OpenAsync(_store, new ShardSpec(path, RecordFormat.Parquet, 0, 0, null), new RecordReaderOptions(), default));

        Assert.Contains(path, error.Message);
    }
}
