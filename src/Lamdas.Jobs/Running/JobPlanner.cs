using Lamdas.Formats;
using Lamdas.Jobs.Spec;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// The first step of every run: claims the output folder for this spec (or recognises an earlier run of the
/// same spec), lists the input and cuts it into shards — deterministically, so every run plans the same shards.
/// </summary>
public static class JobPlanner
{
    public static async Task<IReadOnlyList<ShardSpec>> PlanAsync(IObjectStore store, JobSpec spec, Action<string>? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        await GuardOutputAsync(store, spec, log, ct).ConfigureAwait(false);
        var inputs = await store.ListAsync(spec.Input, ct).ConfigureAwait(false);
        if (inputs.Count == 0)
        {
            throw new JobFailedException($"input '{spec.Input}' matches no files");
        }

        var shards = await ShardPlanner.PlanAsync(store, inputs, spec.ShardBytes, ct).ConfigureAwait(false);
        log?.Invoke($"{inputs.Count} input files, {inputs.Sum(i => i.Length) / 1e6:F1} MB, {shards.Count} shards");
        return shards;
    }

    private static async Task GuardOutputAsync(IObjectStore store, JobSpec spec, Action<string>? log, CancellationToken ct)
    {
        var specJson = JobSpecParser.ToJson(spec);
        var jobUri = StorageUri.Combine(spec.Output, JobPaths.SpecMarker);
        var existing = await store.GetAsync(jobUri, ct).ConfigureAwait(false);
        if (existing is null)
        {
            var others = await store.ListPrefixAsync(spec.Output, ct).ConfigureAwait(false);
            if (others.Count > 0)
            {
                throw new JobFailedException($"output '{spec.Output}' already holds files that are not from this job; choose an empty output folder");
            }

            await StoreJson.WriteTextAsync(store, jobUri, specJson, ct).ConfigureAwait(false);
            return;
        }

        string previous;
        await using (var stream = await store.OpenReadAsync(jobUri, ct).ConfigureAwait(false))
        {
            previous = await new StreamReader(stream).ReadToEndAsync(ct).ConfigureAwait(false);
        }

        if (previous.TrimEnd() != specJson.TrimEnd())
        {
            throw new JobFailedException($"output '{spec.Output}' holds a run of a different job specification; " +
                "use a new output folder (or delete it to start over)");
        }

        log?.Invoke("resuming: work completed by an earlier run is kept");
    }
}
