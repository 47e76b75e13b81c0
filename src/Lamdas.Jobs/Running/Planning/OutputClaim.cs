using System.Text;
using System.Text.Json;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// The claim a job holds on its output folder while it runs: <c>_progress/claim.json</c>, created with an atomic
/// create-if-absent (an exclusive link on local disks, <c>If-None-Match: *</c> on blobs), so of two jobs started at the
/// same moment over one folder exactly one gets it. It is removed when the job ends, whatever the outcome.
/// </summary>
public static class OutputClaim
{
    /// <summary>The claim's name, relative to the output folder.</summary>
    public const string Marker = "_progress/claim.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The claim's location for an output folder.</summary>
    public static string UriFor(string output) => StorageUri.Combine(output, Marker);

    /// <summary>
    /// Claims <paramref name="output"/> for <paramref name="jobId"/>. Succeeds when the folder is unclaimed, already
    /// claimed by this job, or claimed by a job that <paramref name="canTakeOver"/> says is gone (its claim was never
    /// released); otherwise the result names the holder.
    /// </summary>
    public static async Task<OutputClaimResult> TryAcquireAsync(
        IObjectStore store, string output, string jobId, Func<string, Task<bool>> canTakeOver, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(canTakeOver);
        var uri = UriFor(output);
        var mine = Encode(new OutputClaimHolder(jobId, DateTimeOffset.UtcNow));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await store.TryCreateAsync(uri, mine, ct).ConfigureAwait(false))
            {
                return OutputClaimResult.Acquired;
            }

            var holder = await ReadAsync(store, output, ct).ConfigureAwait(false);
            if (holder is null)
            {
                // Released between the two calls: try again.
                continue;
            }

            if (string.Equals(holder.JobId, jobId, StringComparison.Ordinal))
            {
                return OutputClaimResult.Acquired;
            }

            if (!await canTakeOver(holder.JobId).ConfigureAwait(false))
            {
                return new OutputClaimResult(false, holder.JobId, holder.ClaimedUtc);
            }

            await store.DeleteAsync(uri, ct).ConfigureAwait(false);
        }

        var last = await ReadAsync(store, output, ct).ConfigureAwait(false);
        return new OutputClaimResult(false, last?.JobId ?? "(unknown)", last?.ClaimedUtc);
    }

    /// <summary>Removes the claim if <paramref name="jobId"/> holds it (a claim taken over by another job stays).</summary>
    public static async Task ReleaseAsync(IObjectStore store, string output, string jobId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var holder = await ReadAsync(store, output, ct).ConfigureAwait(false);
        if (holder is not null && string.Equals(holder.JobId, jobId, StringComparison.Ordinal))
        {
            await store.DeleteAsync(UriFor(output), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Who holds the folder's claim, or null when nobody does (an unreadable claim counts as held by "(unreadable)").</summary>
    public static async Task<OutputClaimHolder?> ReadAsync(IObjectStore store, string output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var uri = UriFor(output);
        if (await store.GetAsync(uri, ct).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        if (found.Length > 64 * 1024)
        {
            return new OutputClaimHolder("(unreadable)", null);
        }

        try
        {
            var stream = await store.OpenReadAsync(uri, ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync<OutputClaimHolder>(stream, Json, ct).ConfigureAwait(false) ?? new OutputClaimHolder("(unreadable)", null);
            }
        }
        catch (StorageException e) when (e.Kind == StorageErrorKind.NotFound)
        {
            return null;
        }
        catch (JsonException)
        {
            return new OutputClaimHolder("(unreadable)", null);
        }
    }

    private static byte[] Encode(OutputClaimHolder holder) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(holder, Json) + "\n");
}
