using Lamdas.Cluster.Messages;
using Lamdas.Jobs.Running;

namespace Lamdas.Cluster.Aggregation;

/// <summary>
/// The one mapping from a shard's written results — one per domain, in the order of the spec — to the completion the
/// coordinator counts: the shard's documents, quarantine and tokens (the same for every domain), the selections of all
/// domains, and the documents that reached the LLM in all of them (null when no domain has a cascade).
/// </summary>
internal static class ShardCompletions
{
    public static ShardCompletion From(int index, IReadOnlyList<ShardResult> results)
    {
        ArgumentOutOfRangeException.ThrowIfZero(results.Count);
        var result = results[0];
        return new ShardCompletion
        {
            ShardIndex = index,
            Documents = result.Documents,
            Selected = results.Sum(r => r.Selected),
            Quarantined = result.Quarantined,
            Tokens = result.Tokens,
            ModelDocuments = results.All(r => r.ModelDocuments is null) ? null : results.Sum(r => r.ModelDocuments ?? r.Documents),
        };
    }
}
