using System.Text.Json;
using System.Text.Json.Nodes;
using Lamdas.Formats;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// The checks of a parsed spec that need its storage, made before a job is accepted: the model's positions cover
/// <c>prefix.length + max_tokens</c>, and the input names at least one file, every one in a format the product reads.
/// Access is checked by the store itself when it is confined to the team's prefixes (a <see cref="StorageException"/>
/// of kind <see cref="StorageErrorKind.AccessDenied"/> comes out).
/// </summary>
public static class JobAdmission
{
    /// <summary>The largest <c>config.json</c> read (a real one is a few kilobytes).</summary>
    public const int MaxConfigBytes = 1 << 20;

    private const int MaxNamedFiles = 5;

    /// <summary>Every problem found, each naming its field; empty when the job may start.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(IObjectStore store, JobSpec spec, SpecLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(limits);
        var problems = new List<string>();
        if (spec.Model is { } model && spec.Method is SelectionMethod.Lamdas or SelectionMethod.Ppl)
        {
            var positions = await MaxPositionsAsync(store, model, problems, ct).ConfigureAwait(false);
            // A job of several domains reads as far as its longest prefix.
            var prefix = spec.Method == SelectionMethod.Lamdas ? spec.PerDomain().Max(d => d.Prefix?.Length ?? 0) : 0;
            if (positions is { } p && spec.MaxTokens + prefix > p)
            {
                problems.Add(prefix > 0
                    ? $"max_tokens {spec.MaxTokens} plus prefix.length {prefix} is more than the model's max_position_embeddings ({p}); use max_tokens ≤ {p - prefix}"
                    : $"max_tokens {spec.MaxTokens} is more than the model's max_position_embeddings ({p})");
            }
        }

        var inputs = await store.ListAsync(spec.Input, ct).ConfigureAwait(false);
        if (inputs.Count == 0)
        {
            problems.Add($"input '{spec.Input}' matches no files");
        }

        var unreadable = inputs.Where(i => !IsReadable(i.Uri)).Select(i => i.Uri).ToList();
        if (unreadable.Count > 0)
        {
            var named = string.Join(", ", unreadable.Take(MaxNamedFiles)) + (unreadable.Count > MaxNamedFiles ? $" and {unreadable.Count - MaxNamedFiles} more" : "");
            problems.Add($"input matches {unreadable.Count} file(s) in no format the job reads ({named}): " +
                $"expected {string.Join(", ", RecordFormats.ReadableExtensions)}");
        }

        // Plain JSONL is cut by size, anything else gives at least one shard per file.
        var shards = inputs.Sum(i => IsReadable(i.Uri) && RecordFormats.Detect(i.Uri) == RecordFormat.Jsonl
            ? Math.Max(1, (i.Length + spec.ShardBytes - 1) / spec.ShardBytes)
            : 1);
        if (shards > limits.MaxShards)
        {
            problems.Add($"shard_size_mb {spec.ShardBytes / (1024.0 * 1024):G4} cuts the input ({inputs.Sum(i => i.Length)} bytes) into {shards} shards, " +
                $"more than the limit of {limits.MaxShards}; use a larger shard_size_mb");
        }

        var references = new List<(string Field, string? Reference)> { ("prefix.reference", spec.Prefix?.Reference), ("reference", spec.Reference) };
        references.AddRange((spec.Domains ?? []).Select(d => ($"domains.{d.Name}.reference", d.Prefix.Reference)));
        foreach (var (field, reference) in references)
        {
            if (reference is null)
            {
                continue;
            }

            var files = await store.ListAsync(reference, ct).ConfigureAwait(false);
            var bytes = files.Sum(f => f.Length);
            if (files.Count == 0)
            {
                problems.Add($"{field} '{reference}' matches no files");
            }
            else if (bytes > limits.MaxReferenceMb * 1024 * 1024)
            {
                problems.Add($"{field} '{reference}' is {bytes / (1024.0 * 1024):F1} MB, more than the limit of {limits.MaxReferenceMb:G} MB for a reference set");
            }
        }

        return problems;
    }

    private static bool IsReadable(string uri)
    {
        try
        {
            RecordFormats.Detect(uri);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static async Task<int?> MaxPositionsAsync(IObjectStore store, string model, List<string> problems, CancellationToken ct)
    {
        var uri = StorageUri.Combine(model.StartsWith("file://", StringComparison.Ordinal) ? model : model.TrimEnd('/'), "config.json");
        var found = await store.GetAsync(uri, ct).ConfigureAwait(false);
        if (found is null)
        {
            problems.Add($"model '{model}' has no config.json");
            return null;
        }

        if (found.Length > MaxConfigBytes)
        {
            problems.Add($"model '{model}': config.json is larger than {MaxConfigBytes} bytes");
            return null;
        }

        try
        {
            var stream = await store.OpenReadAsync(uri, ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var root = await JsonNode.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
                if (root is JsonObject obj && obj["max_position_embeddings"] is JsonValue v && v.TryGetValue<long>(out var positions) && positions > 0)
                {
                    return (int)Math.Min(positions, int.MaxValue);
                }

                // The engine's default when the field is absent.
                return root is JsonObject ? 32768 : Fail("is not a JSON object");
            }
        }
        catch (JsonException e)
        {
            return Fail($"is not valid JSON ({e.Message})");
        }

        int? Fail(string why)
        {
            problems.Add($"model '{model}': config.json {why}");
            return null;
        }
    }
}
