using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Lamdas.Engine.Scoring;
using Lamdas.Storage;

namespace Lamdas.Jobs.Scoring.Passes;

/// <summary>
/// The model passes of one job: each pass over a list of documents is named by its <see cref="PassKey"/> and the exact
/// token ids (and conditioning lengths) it reads, in order. A pass asked for again — by another domain of the job over
/// the same documents, or by a later job through the <see cref="ScoreStore"/> — is taken as computed, not run again.
/// </summary>
/// <remarks>
/// The name covers the whole list, not each document: a document's log-likelihood can differ in its last bits with
/// other batch-mates, so only the same list in the same order is guaranteed to give the same bits, which is what keeps
/// a run that reuses passes byte-identical to one that computes them. A list changes when a record of the chunk
/// changes, when records are inserted before it in its shard, or (with a cascade) when a different set of its documents
/// reaches the LLM. The store is an optimisation: failing to read or write it is counted and logged, and the pass is
/// computed.
/// </remarks>
public sealed class ModelPasses(ScoreStore? store, Action<string>? log = null)
{
    private const int RecentCapacity = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DocumentLogProb[]> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private PassStatistics _statistics = new();
    private bool _errorLogged;

    /// <summary>The store passes are kept in between jobs (null: within this job only).</summary>
    public ScoreStore? Store => store;

    /// <summary>Where this job's passes came from so far.</summary>
    public PassStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return _statistics;
            }
        }
    }

    /// <summary>
    /// The pass <paramref name="passKey"/> over <paramref name="documents"/>: taken from this job's recent passes or the
    /// store, or computed by <paramref name="compute"/> (token ids, conditioning lengths) and kept.
    /// </summary>
    public async Task<DocumentLogProb[]> GetAsync(string passKey, IReadOnlyList<PreparedDocument> documents,
        Func<IReadOnlyList<int[]>, IReadOnlyList<int>, DocumentLogProb[]> compute, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(compute);
        if (documents.Count == 0)
        {
            return [];
        }

        var ids = documents.Select(d => d.Ids ?? throw new ArgumentException("documents need token ids", nameof(documents))).ToList();
        var contexts = documents.Select(d => d.ContextLength).ToList();
        var key = EntryKey(passKey, ids, contexts);
        lock (_gate)
        {
            if (_recent.TryGetValue(key, out var recent))
            {
                Count(recent, (s, d, t) => s with { SharedDocuments = s.SharedDocuments + d, SharedTokens = s.SharedTokens + t });
                return [.. recent];
            }
        }

        if (store is not null)
        {
            try
            {
                var (values, damaged) = await store.ReadAsync(key, documents.Count, ct).ConfigureAwait(false);
                if (damaged)
                {
                    lock (_gate)
                    {
                        _statistics = _statistics with { DamagedEntries = _statistics.DamagedEntries + 1 };
                    }

                    log?.Invoke($"score store: entry {store.EntryUri(key)} was damaged; it was deleted and the pass is computed again");
                }

                if (values is not null)
                {
                    Remember(key, values);
                    Count(values, (s, d, t) => s with { StoredDocuments = s.StoredDocuments + d, StoredTokens = s.StoredTokens + t });
                    return [.. values];
                }
            }
            catch (StorageException e)
            {
                StoreFailed("read", e);
            }
        }

        ct.ThrowIfCancellationRequested();
        var computed = compute(ids, contexts);
        Remember(key, computed);
        Count(computed, (s, d, t) => s with { ComputedDocuments = s.ComputedDocuments + d, ComputedTokens = s.ComputedTokens + t });
        if (store is not null)
        {
            try
            {
                if (await store.WriteAsync(key, computed, ct).ConfigureAwait(false))
                {
                    lock (_gate)
                    {
                        _statistics = _statistics with { EntriesWritten = _statistics.EntriesWritten + 1 };
                    }
                }
            }
            catch (StorageException e)
            {
                StoreFailed("write", e);
            }
        }

        return [.. computed];
    }

    /// <summary>The entry name: SHA-256 of the pass key and, per document, its conditioning length and token ids.</summary>
    internal static string EntryKey(string passKey, IReadOnlyList<int[]> ids, IReadOnlyList<int> contexts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(passKey));
        Span<byte> number = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(number, ids.Count);
        hash.AppendData(number);
        for (var d = 0; d < ids.Count; d++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(number, contexts[d]);
            hash.AppendData(number);
            BinaryPrimitives.WriteInt32LittleEndian(number, ids[d].Length);
            hash.AppendData(number);
            var bytes = new byte[ids[d].Length * sizeof(int)];
            for (var t = 0; t < ids[d].Length; t++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(t * sizeof(int)), ids[d][t]);
            }

            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private void Remember(string key, DocumentLogProb[] values)
    {
        lock (_gate)
        {
            if (_recent.TryAdd(key, values))
            {
                _order.Enqueue(key);
                while (_order.Count > RecentCapacity)
                {
                    _recent.Remove(_order.Dequeue());
                }
            }
        }
    }

    private void Count(DocumentLogProb[] values, Func<PassStatistics, long, long, PassStatistics> add)
    {
        var tokens = values.Sum(v => (long)v.Tokens);
        lock (_gate)
        {
            _statistics = add(_statistics, values.Length, tokens);
        }
    }

    private void StoreFailed(string what, StorageException e)
    {
        bool first;
        lock (_gate)
        {
            _statistics = _statistics with { StoreErrors = _statistics.StoreErrors + 1 };
            first = !_errorLogged;
            _errorLogged = true;
        }

        if (first)
        {
            log?.Invoke($"score store: could not {what} an entry under {store!.Root} ({e.Message}); passes are computed (further errors are counted, not logged)");
        }
    }
}
