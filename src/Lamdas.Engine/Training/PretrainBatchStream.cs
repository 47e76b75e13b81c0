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
    private readonly List<int[]> _documents;
    private readonly int _batchTokens;
    private readonly long _seed;
    private readonly int[][] _members;
    private readonly double[] _cumulative;
    private readonly Random _choice;
    private readonly Random[] _shufflers;
    private readonly int[] _positions;
    private int _epoch = -1;
    private int[] _order = [];
    private int _position;
    private int? _pending;

    /// <param name="documents"></param>
    /// <param name="domains">Each document's domain (null: none), parallel to <paramref name="documents"/>.</param>
    /// <param name="batchTokens"></param>
    /// <param name="seed"></param>
    /// <param name="temperature"></param>
    public PretrainBatchStream(List<int[]> documents, IReadOnlyList<string?> domains, int batchTokens, long seed, double temperature)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(domains.Count, documents.Count);
        this._documents = documents;
        this._batchTokens = batchTokens;
        this._seed = seed;
        var groups = Enumerable.Range(0, documents.Count).GroupBy(i => domains[i] ?? string.Empty).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        Domains = groups.Select(g => g.Key).ToArray();
        Balanced = temperature != 1 && groups.Length > 1;
        _members = Balanced ? groups.Select(g => g.ToArray()).ToArray() : [];
        var weights = groups.Select(g => Balanced ? Math.Pow(g.Count(), 1 / temperature) : g.Count()).ToArray();
        var total = weights.Sum();
        Shares = weights.Select(w => w / total).ToArray();
        _cumulative = new double[Shares.Count];
        for (var d = 0; d < _cumulative.Length; d++)
        {
            _cumulative[d] = (d == 0 ? 0 : _cumulative[d - 1]) + Shares[d];
        }

        _choice = new Random(unchecked((int)(seed * 7919)));
        _shufflers = _members.Select((_, d) => new Random(unchecked((int)(seed * 7919) + (d * 104_729) + 1))).ToArray();
        _positions = _members.Select(m => m.Length).ToArray();
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
            var index = _pending ?? Draw();
            _pending = null;
            var doc = _documents[index];
            var bucket = LengthBuckets.BucketLength(doc.Length);
            if (chosen.Count > 0 && used + bucket > _batchTokens)
            {
                _pending = index;
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
            if (_position >= _order.Length)
            {
                _epoch++;
                _order = Enumerable.Range(0, _documents.Count).ToArray();
                new Random(unchecked((int)(_seed * 7919) + _epoch)).Shuffle(_order);
                _position = 0;
            }

            return _order[_position++];
        }

        var u = _choice.NextDouble();
        var domain = Array.FindIndex(_cumulative, c => u < c);
        if (domain < 0)
        {
            domain = _cumulative.Length - 1;
        }

        var list = _members[domain];
        if (_positions[domain] >= list.Length)
        {
            _shufflers[domain].Shuffle(list);
            _positions[domain] = 0;
        }

        return list[_positions[domain]++];
    }
}
