using Lamdas.Formats;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>The documents' texts and whole lengths, read back from the input for the examples and the length chart.</summary>
internal sealed partial class JobReport
{
    /// <summary>Shards whose documents make the length sample when it is read back from the input.</summary>
    private const int LengthSampleShards = 4;

    /// <summary>
    /// Whether the length chart needs the documents' whole lengths: when most documents were cut at max tokens (their
    /// tokens scored say nothing of their length), or the method reads no tokens at all.
    /// </summary>
    private bool UsesCharacters(List<ScoreRow> rows) =>
        rows.Count > 0 && (rows.Count(r => r.Tokens >= spec.MaxTokens) * 2 >= rows.Count || rows.All(r => r.Tokens == 0));

    /// <summary>At most <see cref="MaxPoints"/> rows, evenly strided, of the first <see cref="LengthSampleShards"/> shards that have scored rows.</summary>
    private static List<ScoreRow> LengthSample(List<ScoreRow> rows, Dictionary<ScoreRow, int> shardOf)
    {
        var shards = rows.Select(r => shardOf[r]).Distinct().Order().Take(LengthSampleShards).ToHashSet();
        var candidates = rows.Where(r => shards.Contains(shardOf[r])).ToList();
        var stride = Math.Max(1, (candidates.Count + MaxPoints - 1) / MaxPoints);
        return [.. candidates.Where((_, i) => i % stride == 0)];
    }

    private string? LengthNote(List<ScoreRow> rows, int points, bool inCharacters, List<ScoreRow>? sample)
    {
        var cut = rows.Count(r => r.Tokens >= spec.MaxTokens);
        var truncated = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{cut:N0} of {rows.Count:N0} scored documents were cut at max tokens ({spec.MaxTokens:N0})");
        if (inCharacters)
        {
            var shards = summary.Shards.Count(s => s.Documents > 0);
            var from = shards <= LengthSampleShards ? "every shard" : $"the first {LengthSampleShards} of {shards:N0} shards";
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{truncated}, so the length shown is each document's whole length in characters, read back from the input: {points:N0} documents from {from}.");
        }

        return sample is not null
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{truncated}; the input could not be read back for their whole lengths, so the tokens scored are shown.")
            : cut > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{truncated}: their length here is the tokens scored.") : null;
    }

    /// <summary>
    /// The texts of the given rows, read back from the input; best effort: an input that has gone or changed format
    /// since the scoring leaves the report without them, and says so in the log.
    /// </summary>
    private async Task<Dictionary<(string Source, long Position), string>> ReadTextsAsync(IReadOnlyList<ScoreRow> rows, CancellationToken ct)
    {
        var wanted = rows.Select(r => (r.Source, r.Position)).ToHashSet();
        if (wanted.Count == 0)
        {
            return [];
        }

        try
        {
            return await DocumentTexts.ReadAsync(store, spec.Record, summary.Shards, wanted, ct);
        }
        catch (Exception e) when (e is IOException or StorageException or FormatException or UnauthorizedAccessException or InvalidDataException)
        {
            log?.Invoke($"report: the input could not be read back for example texts and lengths ({e.Message})");
            return [];
        }
    }
}
