using Lamdas.Engine.Batching;

namespace Lamdas.Engine.Training;

/// <summary>
/// Deterministic sequence of pretraining batches, greedily filled to the token budget. At domain temperature 1
/// (or without domains) every epoch is a seeded shuffle of all documents, so domains appear in proportion to their
/// size. Above 1, each document is drawn by first choosing a domain with probability ∝ n_d^(1/T) (n_d: its
/// documents) and then taking that domain's next document (each domain reshuffled whenever it is used up), so
/// small domains are seen more often than their share and large ones less; T → ∞ is uniform over domains.
/// </summary>
internal sealed class PretrainBatchStream
{
    private readonly List<int[]> documents;
    private readonly int batchTokens;
    private readonly long seed;
    private readonly int[][] members;
    private readonly double[] cumulative;
    private readonly Random choice;
    private readonly Random[] shufflers;
    private readonly int[] positions;
    private int epoch = -1;
    private int[] order = [];
    private int position;
    private int? pending;

    /// <param name="domains">Each document's domain (null: none), parallel to <paramref name="documents"/>.</param>
    public PretrainBatchStream(List<int[]> documents, IReadOnlyList<string?> domains, int batchTokens, long seed, double temperature)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(domains.Count, documents.Count);
        this.documents = documents;
        this.batchTokens = batchTokens;
        this.seed = seed;
        var groups = Enumerable.Range(0, documents.Count).GroupBy(i => domains[i] ?? string.Empty).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        Domains = groups.Select(g => g.Key).ToArray();
        Balanced = temperature != 1 && groups.Length > 1;
        members = Balanced ? groups.Select(g => g.ToArray()).ToArray() : [];
        var weights = groups.Select(g => Balanced ? Math.Pow(g.Count(), 1 / temperature) : g.Count()).ToArray();
        var total = weights.Sum();
        Shares = weights.Select(w => w / total).ToArray();
        cumulative = new double[Shares.Count];
        for (var d = 0; d < cumulative.Length; d++)
        {
            cumulative[d] = (d == 0 ? 0 : cumulative[d - 1]) + Shares[d];
        }

        choice = new Random(unchecked((int)(seed * 7919)));
        shufflers = members.Select((_, d) => new Random(unchecked((int)(seed * 7919) + (d * 104_729) + 1))).ToArray();
        positions = members.Select(m => m.Length).ToArray();
    }

    /// <summary>Whether documents are drawn by domain (temperature ≠ 1 and more than one domain).</summary>
    public bool Balanced { get; }

    /// <summary>The corpus's domains ("" for documents without one), in ordinal order.</summary>
    public IReadOnlyList<string> Domains { get; }

    /// <summary>The expected share of documents drawn from each domain of <see cref="Domains"/>.</summary>
    public IReadOnlyList<double> Shares { get; }

    public void Skip(int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            Next(materialise: false);
        }
    }

    public (List<int[]> Documents, PlannedBatch Batch) Next() => Next(materialise: true);

    private (List<int[]> Documents, PlannedBatch Batch) Next(bool materialise)
    {
        var chosen = new List<int[]>();
        long used = 0;
        while (true)
        {
            var index = pending ?? Draw();
            pending = null;
            var doc = documents[index];
            var bucket = LengthBuckets.BucketLength(doc.Length);
            if (chosen.Count > 0 && used + bucket > batchTokens)
            {
                pending = index;
                break;
            }

            chosen.Add(doc);
            used += bucket;
        }

        if (!materialise)
        {
            return (chosen, null!);
        }

        var plan = LengthBuckets.Plan(chosen.Select(d => d.Length).ToArray(), int.MaxValue);
        return (chosen, plan.Single());
    }

    private int Draw()
    {
        if (!Balanced)
        {
            if (position >= order.Length)
            {
                epoch++;
                order = Enumerable.Range(0, documents.Count).ToArray();
                new Random(unchecked((int)(seed * 7919) + epoch)).Shuffle(order);
                position = 0;
            }

            return order[position++];
        }

        var u = choice.NextDouble();
        var domain = Array.FindIndex(cumulative, c => u < c);
        if (domain < 0)
        {
            domain = cumulative.Length - 1;
        }

        var list = members[domain];
        if (positions[domain] >= list.Length)
        {
            shufflers[domain].Shuffle(list);
            positions[domain] = 0;
        }

        return list[positions[domain]++];
    }
}
