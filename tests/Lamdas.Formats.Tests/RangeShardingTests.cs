using System.Text;
using Lamdas.Storage;

namespace Lamdas.Formats.Tests;

public sealed class RangeShardingTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly IObjectStore _store = new ObjectStore();

    public void Dispose() => _dir.Dispose();

    /// <summary>Lines of random length (some over the 200-byte limit, some blank, some not JSON), with and without '\r'.</summary>
    private static JsonlFile RandomFile(Random random, int lines)
    {
        var file = new JsonlFile();
        for (var i = 0; i < lines; i++)
        {
            var kind = random.Next(20);
            var body = kind switch
            {
                0 => "",
                1 => "not json " + i,
                2 => "{\"id\":" + i + ",\"pad\":\"" + new string('p', 200 + random.Next(300)) + "\"}",
                _ => "{\"id\":" + i + ",\"pad\":\"" + new string('q', random.Next(60)) + "\"}",
            };
            file.Add(body + (random.Next(4) == 0 ? "\r" : ""), newline: i < lines - 1 || random.Next(2) == 0);
        }

        return file;
    }

    [Fact]
    public async Task AnySetOfCutsGivesEveryLineToExactlyOneShard()
    {
        var random = new Random(20240611);
        for (var trial = 0; trial < 60; trial++)
        {
            var file = RandomFile(random, random.Next(1, 80));
            var bytes = file.Bytes;
            var path = _dir.Write($"t{trial}.jsonl", bytes);
            var newlines = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == '\n').ToList();
            var expected = ExpectedPositions(file);

            for (var cutSet = 0; cutSet < 8; cutSet++)
            {
                var cuts = new SortedSet<long> { 0, bytes.Length };
                var count = random.Next(0, 8);
                for (var c = 0; c < count; c++)
                {
                    cuts.Add(random.Next(3) switch
                    {
                        0 => file.Starts[random.Next(file.Starts.Count)],
                        1 when newlines.Count > 0 => newlines[random.Next(newlines.Count)],
                        _ => random.NextInt64(0, bytes.Length + 1),
                    });
                }

                var bounds = cuts.ToArray();
                var positions = new List<long>();
                for (var s = 0; s + 1 < bounds.Length; s++)
                {
                    var shard = new ShardSpec(path, RecordFormat.Jsonl, bounds[s], bounds[s + 1], null);
                    var results = await Reading.ReadAllAsync(_store, shard, new RecordReaderOptions { MaxLineBytes = 200 });
                    positions.AddRange(results.Select(r => r.Record?.Position ?? r.Bad!.Position));
                    Assert.All(results, r => Assert.InRange(r.Record?.Position ?? r.Bad!.Position, bounds[s], bounds[s + 1] - 1));
                }

                Assert.Equal(expected, positions);
            }
        }
    }

    [Fact]
    public async Task EveryTargetSizeOfThePlannerCoversTheFileOnce()
    {
        var file = RandomFile(new Random(7), 50);
        var path = _dir.Write("planned.jsonl", file.Bytes);
        var input = (await _store.GetAsync(path))!;
        var expected = ExpectedPositions(file);

        foreach (var target in new long[] { 1, 2, 3, 17, 64, 100, 333, 1000, input.Length - 1, input.Length, 1 << 30 })
        {
            var shards = await ShardPlanner.PlanAsync(_store, [input], target, CancellationToken.None);
            var positions = new List<long>();
            foreach (var shard in shards)
            {
                positions.AddRange((await Reading.ReadAllAsync(_store, shard, new RecordReaderOptions { MaxLineBytes = 200 })).Select(r => r.Record?.Position ?? r.Bad!.Position));
            }

            Assert.Equal(expected, positions);
            Assert.All(shards, s => Assert.InRange(s.End - s.Start, 0, target));
            Assert.Equal(0, shards[0].Start);
            Assert.Equal(input.Length, shards[^1].End);
            Assert.All(shards.Zip(shards.Skip(1)), p => Assert.Equal(p.First.End, p.Second.Start));
        }
    }

    [Fact]
    public async Task PlanningIsDeterministicAndKeepsInputOrder()
    {
        var a = _dir.Write("a.jsonl", Encoding.UTF8.GetBytes(new string('x', 1000)));
        var b = _dir.Write("b.jsonl.gz", new byte[500]);
        var inputs = (await _store.ListAsync(_dir.Path + "/*")).Reverse().ToList();

        var first = await ShardPlanner.PlanAsync(_store, inputs, 300, CancellationToken.None);
        var second = await ShardPlanner.PlanAsync(_store, inputs, 300, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(
            [new ShardSpec(b, RecordFormat.JsonlGzip, 0, 500, null),
             new ShardSpec(a, RecordFormat.Jsonl, 0, 250, null), new ShardSpec(a, RecordFormat.Jsonl, 250, 500, null),
             new ShardSpec(a, RecordFormat.Jsonl, 500, 750, null), new ShardSpec(a, RecordFormat.Jsonl, 750, 1000, null)],
            first);
    }

    /// <summary>Where each non-blank line starts: every record and every bad line, in order.</summary>
    private static List<long> ExpectedPositions(JsonlFile file) =>
        file.Starts.Where((_, i) => Encoding.UTF8.GetString(file.Lines[i]).Trim(' ', '\r').Length > 0).ToList();
}
