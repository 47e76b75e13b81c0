using System.Text.Json;
using Lamdas.Formats;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Reads the text of chosen documents back from the input for the report (score files hold no text): the shards
/// that can hold them are read in order, each only as far as its last wanted document, and at most
/// <see cref="MaxShards"/> of them.
/// </summary>
internal static class DocumentTexts
{
    /// <summary>Most shards read for one report.</summary>
    public const int MaxShards = 64;

    /// <summary>The text (the record's text field, or an SFT record's response) of each wanted (source, position) found.</summary>
    public static async Task<Dictionary<(string Source, long Position), string>> ReadAsync(
        IObjectStore store, RecordSpec record, IReadOnlyList<ShardResult> shards, IReadOnlyCollection<(string Source, long Position)> wanted, CancellationToken ct)
    {
        var found = new Dictionary<(string, long), string>();
        var pending = wanted.ToHashSet();
        var field = record.IsSft ? record.Response : record.Text;
        var read = 0;
        foreach (var shard in shards.OrderBy(s => s.Index))
        {
            if (pending.Count == 0 || read == MaxShards || field is null)
            {
                break;
            }

            var spec = new ShardSpec(shard.Source, RecordFormats.Detect(shard.Source), shard.Start, shard.End, shard.RowGroup);
            // A plain JSONL shard owns the lines that start in its byte range; positions are byte offsets there.
            var inShard = pending.Where(w => w.Source == shard.Source && (spec.Format != RecordFormat.Jsonl || (w.Position >= spec.Start && w.Position <= spec.End)))
                .Select(w => w.Position).ToHashSet();
            if (inShard.Count == 0)
            {
                continue;
            }

            read++;
            await using var reader = await RecordReaders.OpenAsync(store, spec, new RecordReaderOptions(), ct);
            await foreach (var item in reader.ReadAsync(ct))
            {
                if (item.Record is not { Json: { } json } source || !inShard.Remove(source.Position))
                {
                    continue;
                }

                pending.Remove((shard.Source, source.Position));
                if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty(field, out var text) && text.ValueKind == JsonValueKind.String)
                {
                    found[(shard.Source, source.Position)] = text.GetString()!;
                }

                if (inShard.Count == 0)
                {
                    break;
                }
            }
        }

        return found;
    }
}
