using Lamdas.Formats;
using Lamdas.Jobs.Scoring;
using Lamdas.Jobs.Spec;
using Lamdas.Selection;
using Lamdas.Storage;

namespace Lamdas.Jobs.Running;

/// <summary>
/// Runs a cascade's pilot once per job and keeps its result at <c>cascade/pilot.json</c> in the output, so every worker
/// and every later run of the job scores with the same cut. The pilot is a deterministic sample spread over the shards
/// (<see cref="ReferenceLoader.SampleAsync"/>), scored by both stages; when it keeps too few documents to bound the
/// recall at the target, it grows (up to <see cref="CascadeSpec.MaxPilotDocuments"/>). A corpus smaller than the pilot
/// gets no cut (and no LLM pass in the pilot): there, scoring the pilot would cost as much as scoring everything.
/// </summary>
public sealed class CascadePilotRunner(IObjectStore store, JobSpec spec, Action<string>? log)
{
    private const int ChunkDocuments = 256;

    /// <summary>Relative path of the pilot's result in a job's output.</summary>
    public const string RelativePath = "cascade/pilot.json";

    private CascadeSpec Cascade => spec.Cascade ?? throw new InvalidOperationException("the job has no cascade");

    public async Task<CascadePilot> LoadOrRunAsync(IReadOnlyList<ShardSpec> shards, ITextScorer stage1, IJobScorer stage2,
        Func<string, int> countTokens, Func<PreparedDocument, string> stage1Text, CancellationToken ct)
    {
        var uri = StorageUri.Combine(spec.Output, RelativePath);
        if (await StoreJson.ReadAsync<CascadePilot>(store, uri, ct) is { } earlier)
        {
            log?.Invoke("using the cascade pilot of the earlier run of this job");
            return earlier;
        }

        var pilot = await RunAsync(shards, stage1, stage2, countTokens, stage1Text, ct);
        await StoreJson.WriteAsync(store, uri, pilot, ct);
        return pilot;
    }

    public async Task<CascadePilot> RunAsync(IReadOnlyList<ShardSpec> shards, ITextScorer stage1, IJobScorer stage2,
        Func<string, int> countTokens, Func<PreparedDocument, string> stage1Text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stage1Text);
        ArgumentNullException.ThrowIfNull(stage1);
        ArgumentNullException.ThrowIfNull(stage2);
        ArgumentNullException.ThrowIfNull(countTokens);
        var cascade = Cascade;
        var preparer = new DocumentPreparer(spec.Record, stage2, spec.MaxTokens);
        var needed = RecallBound.KeptNeeded(cascade.Recall, cascade.Confidence);
        var size = cascade.PilotDocuments;
        var modelDocuments = 0;
        for (var round = 1; ; round++)
        {
            var documents = await ReferenceLoader.SampleAsync(store, shards, preparer, size, ct);
            var (candidateTokens, scoredTokens) = TokenMeans(documents, countTokens, ct);
            var pilot = new CascadePilot
            {
                Method = cascade.Method == SelectionMethod.TfIdf ? "tfidf" : "dsir",
                TargetRecall = cascade.Recall,
                Confidence = cascade.Confidence,
                Documents = documents.Count,
                CandidateTokensPerDocument = candidateTokens,
                ScoredTokensPerDocument = scoredTokens,
                Rounds = round,
                PassRate = 1,
                Recall = 1,
            };
            if (documents.Count < size)
            {
                return pilot with
                {
                    Note = $"the corpus holds fewer documents than the pilot asks for ({documents.Count} < {size}), so a pilot would cost as much as scoring every document",
                };
            }

            log?.Invoke($"cascade pilot, round {round}: scoring {documents.Count} sampled candidates with {pilot.Method} and LAMDAS");
            var first = documents.Select(d => stage1.Score(d.Id, stage1Text(d))).ToArray();
            var second = new double[documents.Count];
            for (var start = 0; start < documents.Count; start += ChunkDocuments)
            {
                var chunk = documents.Skip(start).Take(ChunkDocuments).ToList();
                var scored = await stage2.ScoreAsync(chunk, ct);
                for (var i = 0; i < scored.Length; i++)
                {
                    second[start + i] = scored[i].Score;
                }

                log?.Invoke($"cascade pilot: {Math.Min(start + ChunkDocuments, documents.Count)} of {documents.Count} scored");
            }

            modelDocuments += documents.Count;
            var kept = Kept(second);
            var choice = CascadeCut.Choose(first, kept, cascade.Recall, cascade.Confidence);
            pilot = pilot with
            {
                Kept = choice.Kept,
                Cut = choice.Cut,
                PassRate = choice.PassRate,
                Recall = choice.Recall,
                RecallLower = choice.RecallLower,
                ModelDocuments = modelDocuments,
            };
            if (choice.Cut is not null)
            {
                log?.Invoke(pilot.Describe());
                return pilot;
            }

            if (choice.Kept >= needed || size >= cascade.MaxPilotDocuments)
            {
                return pilot with
                {
                    Note = choice.Kept >= needed
                        ? $"no cut keeps a recall of at least {cascade.Recall:G4} at {cascade.Confidence:P0} confidence"
                        : $"the pilot's {choice.Kept} kept documents (of {documents.Count}) cannot show a recall of {cascade.Recall:G4} at {cascade.Confidence:P0} confidence; that takes {needed} (raise cascade.max_pilot)",
                };
            }

            // Enough documents for the kept ones to reach the bound, by the kept share seen so far (with a margin).
            var grown = choice.Kept == 0 ? (long)size * 10 : (long)Math.Ceiling(size * 1.25 * needed / choice.Kept);
            log?.Invoke($"cascade pilot: {choice.Kept} kept documents cannot bound the recall (it takes {needed}); growing the pilot");
            size = (int)Math.Min(cascade.MaxPilotDocuments, Math.Max(grown, size + 1L));
        }
    }

    /// <summary>Which pilot documents plain LAMDAS keeps: above ln τ, or the top fraction of the pilot.</summary>
    private bool[] Kept(double[] scores)
    {
        if (spec.Selection.Mode == SelectionMode.Threshold)
        {
            var cutOff = spec.Selection.CutOff(spec.Method);
            return scores.Select(s => s > cutOff).ToArray();
        }

        var k = Math.Min(scores.Length, Math.Max(1, (int)Math.Ceiling(spec.Selection.Fraction * scores.Length)));
        var kept = new bool[scores.Length];
        foreach (var i in Enumerable.Range(0, scores.Length).Where(i => !double.IsNaN(scores[i])).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k))
        {
            kept[i] = true;
        }

        return kept;
    }

    private static (double Candidate, double Scored) TokenMeans(List<PreparedDocument> documents, Func<string, int> countTokens, CancellationToken ct)
    {
        if (documents.Count == 0)
        {
            return (0, 0);
        }

        long candidate = 0, scored = 0;
        foreach (var d in documents)
        {
            ct.ThrowIfCancellationRequested();
            candidate += countTokens(d.Text);
            scored += Math.Max(0, (d.Ids?.Length ?? 0) - d.ContextLength);
        }

        return ((double)candidate / documents.Count, (double)scored / documents.Count);
    }
}
