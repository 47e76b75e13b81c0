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
    /// <summary>Plans the job; <see cref="JobPlan.Resuming"/> says whether the output folder holds an earlier run of it.</summary>
    public static async Task<JobPlan> PlanAsync(IObjectStore store, JobSpec spec, Action<string>? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        var resuming = await GuardOutputAsync(store, spec, log, ct).ConfigureAwait(false);
        var inputs = await store.ListAsync(spec.Input, ct).ConfigureAwait(false);
        if (inputs.Count == 0)
        {
            throw new JobFailedException($"input '{spec.Input}' matches no files");
        }

        var shards = await ShardPlanner.PlanAsync(store, inputs, spec.ShardBytes, ct).ConfigureAwait(false);
        log?.Invoke($"{inputs.Count} input files, {inputs.Sum(i => i.Length) / 1e6:F1} MB, {shards.Count} shards");
        await GuardPlanAsync(store, spec, inputs, shards, resuming, ct).ConfigureAwait(false);
        return new JobPlan(shards, resuming);
    }

    /// <summary>
    /// Plans a job of one or more domains: the job's folder (<see cref="PlanAsync"/>), then each domain's folder, claimed
    /// for the domain's single-domain spec as a separate job would claim it.
    /// </summary>
    public static async Task<JobPlan> PlanDomainsAsync(IObjectStore store, JobSpec spec, Action<string>? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var plan = await PlanAsync(store, spec, log, ct).ConfigureAwait(false);
        if (spec.Domains is not null)
        {
            foreach (var domain in spec.PerDomain())
            {
                await PlanAsync(store, domain, null, ct).ConfigureAwait(false);
            }
        }

        return plan;
    }

    /// <summary>Each domain's result for shard <paramref name="index"/> from an earlier run; null unless every domain has one.</summary>
    public static async Task<ShardResult[]?> CompletedDomainsAsync(IObjectStore store, JobSpec spec, int index, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var domains = spec.PerDomain();
        var results = new ShardResult[domains.Count];
        for (var d = 0; d < domains.Count; d++)
        {
            if (await CompletedAsync(store, domains[d], index, ct).ConfigureAwait(false) is not { } result)
            {
                return null;
            }

            results[d] = result;
        }

        return results;
    }

    /// <summary>The result recorded for shard <paramref name="index"/> by an earlier run, if any.</summary>
    public static Task<ShardResult?> CompletedAsync(IObjectStore store, JobSpec spec, int index, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return StoreJson.ReadAsync<ShardResult>(store, StorageUri.Combine(spec.Output, JobPaths.ShardMarker(index)), ct);
    }

    /// <summary>
    /// Records the input files (name and size) and the shard count on the first run; a resumed run must find the same,
    /// otherwise the completed shards of the folder belong to other data and nothing may be adopted.
    /// </summary>
    private static async Task GuardPlanAsync(IObjectStore store, JobSpec spec, IReadOnlyList<StoredObject> inputs,
        IReadOnlyList<ShardSpec> shards, bool resuming, CancellationToken ct)
    {
        var planUri = StorageUri.Combine(spec.Output, JobPaths.PlanMarker);
        var plan = string.Join('\n', inputs.Select(i => $"{i.Uri}\t{i.Length}").Append($"shards\t{shards.Count}"));
        if (resuming && await store.GetAsync(planUri, ct).ConfigureAwait(false) is not null)
        {
            string previous;
            var stream = await store.OpenReadAsync(planUri, ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                previous = await new StreamReader(stream).ReadToEndAsync(ct).ConfigureAwait(false);
            }

            if (previous.TrimEnd() != plan)
            {
                throw new JobFailedException($"output '{spec.Output}' holds a run of this specification over different input files " +
                    "(names or sizes changed since); use a new output folder");
            }

            return;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(plan + "\n");
        await store.WriteAsync(planUri, (s, t) => s.WriteAsync(bytes, t).AsTask(), ct).ConfigureAwait(false);
    }

    private static async Task<bool> GuardOutputAsync(IObjectStore store, JobSpec spec, Action<string>? log, CancellationToken ct)
    {
        var specJson = JobSpecParser.ToJson(spec);
        var jobUri = StorageUri.Combine(spec.Output, JobPaths.SpecMarker);
        var existing = await store.GetAsync(jobUri, ct).ConfigureAwait(false);
        if (existing is null)
        {
            // The job's own claim on the folder (OutputClaim) is the one file allowed there before it starts.
            var claim = OutputClaim.UriFor(spec.Output);
            var others = (await store.ListPrefixAsync(spec.Output, ct).ConfigureAwait(false))
                .Where(o => !o.Uri.EndsWith("/" + OutputClaim.Marker, StringComparison.Ordinal) && o.Uri != claim)
                .ToList();
            if (others.Count > 0)
            {
                throw new JobFailedException($"output '{spec.Output}' already holds files that are not from this job; choose an empty output folder");
            }

            await StoreJson.WriteTextAsync(store, jobUri, specJson, ct).ConfigureAwait(false);
            return false;
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
        return true;
    }
}
