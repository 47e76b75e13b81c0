using System.Security.Cryptography;
using Lamdas.Formats;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Phase two of top-fraction selection: from the score files of all shards, find the score of the k-th best
/// document (k = ⌈fraction · N⌉), then re-read each shard and write the records above it. Ties at the cut are
/// taken in shard order, then input order, so the result is deterministic. Holds one double per document.
/// </summary>
internal sealed class TopFractionSelector(JobOutput context, ShardWriter writer, Action<string>? log)
{
    public async Task<(List<ShardResult> Results, double CutOff)> SelectAsync(IReadOnlyList<ShardSpec> shards,
        List<ShardResult> results, CancellationToken ct)
    {
        // The fraction is of every document, including those a cascade's first stage held back (which are never kept).
        var all = new List<double>();
        var documents = 0;
        for (var i = 0; i < shards.Count; i++)
        {
            foreach (var row in await ReadScoresAsync(i, ct))
            {
                if (!double.IsNaN(row.Score))
                {
                    all.Add(row.Score);
                    documents++;
                }
                else if (!row.ReachedModel)
                {
                    documents++;
                }
            }
        }

        if (all.Count == 0)
        {
            return (results, double.NaN);
        }

        var k = Math.Max(1, (int)Math.Ceiling(context.Spec.Selection.Fraction * documents));
        k = Math.Min(k, all.Count);
        all.Sort((a, b) => b.CompareTo(a));
        var cutOff = all[k - 1];
        var tiesAllowed = k - all.Count(s => s > cutOff);
        log?.Invoke($"top-fraction: keeping {k} of {documents} documents (score ≥ {cutOff:G6})");

        var updated = new List<ShardResult>(results.Count);
        for (var i = 0; i < shards.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var marker = context.OutputUri($"_progress/{JobOutput.PartName(i)}.selected.json");
            var rows = await ReadScoresAsync(i, ct);
            var keep = new HashSet<long>();
            var flagged = new List<ScoreRow>(rows.Count);
            foreach (var row in rows)
            {
                var take = row.Score > cutOff;
                if (!take && row.Score == cutOff && tiesAllowed > 0)
                {
                    take = true;
                    tiesAllowed--;
                }

                if (take)
                {
                    keep.Add(row.Position);
                }

                flagged.Add(row with { Selected = take });
            }

            var existing = await StoreJson.ReadAsync<ShardResult>(context.Store, marker, ct);
            if (existing is not null)
            {
                updated.Add(existing);
                continue;
            }

            var files = results[i].Files.Where(f => !f.Path.StartsWith("scores/", StringComparison.Ordinal) &&
                                                     !f.Path.StartsWith("selected/", StringComparison.Ordinal)).ToList();
            files.Add(await WriteScoresAsync(i, flagged, ct));
            if (await writer.WriteSelectedAsync(i, shards[i], keep, ct) is { } selectedFile)
            {
                files.Add(selectedFile);
            }

            var result = results[i] with { Selected = keep.Count, Files = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList() };
            await context.Store.WriteAsync(marker, (s, t) => System.Text.Json.JsonSerializer.SerializeAsync(s, result, cancellationToken: t), ct);
            updated.Add(result);
        }

        return (updated, cutOff);
    }

    private Task<IReadOnlyList<ScoreRow>> ReadScoresAsync(int index, CancellationToken ct) =>
        ScoreFiles.ReadAsync(context.Store, context.OutputUri($"scores/{JobOutput.PartName(index)}.parquet"), ct);

    private async Task<OutputFile> WriteScoresAsync(int index, IReadOnlyList<ScoreRow> rows, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await ScoresParquet.WriteAsync(buffer, rows, ct, context.Spec.Cascade is not null);
        var bytes = buffer.ToArray();
        var relative = $"scores/{JobOutput.PartName(index)}.parquet";
        await context.Store.WriteAsync(context.OutputUri(relative), (s, t) => s.WriteAsync(bytes, t).AsTask(), ct);
        return new OutputFile(relative, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
