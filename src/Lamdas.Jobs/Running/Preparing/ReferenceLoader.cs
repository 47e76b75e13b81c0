using Lamdas.Formats;
using Lamdas.Jobs.Scoring;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>Reads reference (or sampled candidate) documents through the same record mapping as the candidates.</summary>
internal static class ReferenceLoader
{
    /// <summary>
    /// Most characters of reference text one job loads (256 Mi, about 512 MB in memory): a backstop behind the
    /// admission limit on the listed size (<c>SpecLimits.MaxReferenceMb</c>) for compressed files that expand far.
    /// </summary>
    public const long MaxTextChars = 256L << 20;

    public static async Task<List<PreparedDocument>> LoadAsync(IObjectStore store, string uriOrGlob, DocumentPreparer preparer,
        int? limit, Action<string>? log, CancellationToken ct)
    {
        var objects = await store.ListAsync(uriOrGlob, ct);
        if (objects.Count == 0)
        {
            throw new JobFailedException($"reference '{uriOrGlob}' matches no files");
        }

        var shards = objects.Select(o => new ShardSpec(o.Uri, RecordFormats.Detect(o.Uri), 0, o.Length, null)).ToList();
        var documents = new List<PreparedDocument>();
        var skipped = 0;
        long chars = 0;
        foreach (var shard in shards)
        {
            await using var reader = await RecordReaders.OpenAsync(store, shard, new RecordReaderOptions(), ct);
            await foreach (var item in reader.ReadAsync(ct))
            {
                if (item.Record?.Json is { } json && preparer.Prepare(json) is { Document: { } doc })
                {
                    chars += doc.Text.Length;
                    if (chars > MaxTextChars)
                    {
                        throw new JobFailedException($"reference '{uriOrGlob}' holds more than {MaxTextChars} characters of text; " +
                            "a reference set is a curated sample (a few MB): use fewer or smaller documents");
                    }

                    documents.Add(doc);
                    if (documents.Count == limit)
                    {
                        return documents;
                    }
                }
                else
                {
                    skipped++;
                }
            }
        }

        if (skipped > 0)
        {
            log?.Invoke($"reference: {skipped} unusable records skipped");
        }

        return documents;
    }

    /// <summary>
    /// Up to <paramref name="total"/> candidates spread evenly over the planned shards (deterministic). With more
    /// shards than documents wanted, only evenly spaced shards are opened, one document each.
    /// </summary>
    public static async Task<List<PreparedDocument>> SampleAsync(IObjectStore store, IReadOnlyList<ShardSpec> shards,
        DocumentPreparer preparer, int total, CancellationToken ct)
    {
        var opened = shards.Count <= total
            ? shards
            : Enumerable.Range(0, total).Select(i => shards[(int)((long)i * shards.Count / total)]).ToList();
        var sample = new List<PreparedDocument>();
        for (var s = 0; s < opened.Count; s++)
        {
            // total / count each, the remainder going to the first shards.
            var perShard = (total / opened.Count) + (s < total % opened.Count ? 1 : 0);
            var shard = opened[s];
            var taken = 0;
            await using var reader = await RecordReaders.OpenAsync(store, shard, new RecordReaderOptions(), ct);
            await foreach (var item in reader.ReadAsync(ct))
            {
                if (item.Record?.Json is { } json && preparer.Prepare(json) is { Document: { } doc })
                {
                    sample.Add(doc);
                    if (++taken >= perShard)
                    {
                        break;
                    }
                }
            }
        }

        return sample;
    }
}
