using System.Globalization;
using Lamdas.Cluster.Messages;

namespace Lamdas.Cluster.Coordination;

/// <summary>
/// The coordinator's shard bookkeeping: pending shards (retries first, then in plan order), live leases with
/// expiry, attempts, and failed shards. Every operation is O(log n) so a job of 100,000 shards is cheap to lease.
/// Completions are accepted from any lease of a shard that is not done yet (outputs are a pure function of the
/// shard, so a late or duplicate completion commits the same bytes); a shard is counted done exactly once.
/// </summary>
public sealed class LeaseTable
{
    private readonly IReadOnlyList<ShardRecord> _shards;
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;
    private readonly int _maxAttempts;
    private readonly int _maxInterruptions;
    private readonly Queue<int> _retries = new();
    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new();
    private int _nextFresh;

    public LeaseTable(IReadOnlyList<ShardRecord> shards, TimeSpan duration, int maxAttempts, TimeProvider time, int maxInterruptions = 10)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxInterruptions);
        this._shards = shards;
        this._duration = duration;
        this._maxAttempts = maxAttempts;
        this._maxInterruptions = maxInterruptions;
        this._time = time;
        foreach (var shard in shards)
        {
            // Leases do not survive a restart of the coordinator: their shards are pending again (a worker that is
            // still on one re-adopts it on its next heartbeat).
            if (shard.Status == ShardStatus.Leased)
            {
                shard.Status = ShardStatus.Pending;
            }

            switch (shard.Status)
            {
                case ShardStatus.Done:
                    Done++;
                    break;
                case ShardStatus.Failed:
                    Failed++;
                    break;
            }
        }
    }

    public int Done { get; private set; }

    public int Failed { get; private set; }

    public int Leased => _leases.Count;

    public int Total => _shards.Count;

    /// <summary>Every shard is done or failed.</summary>
    public bool Finished => Done + Failed == _shards.Count;

    /// <summary>Whether <paramref name="leaseId"/> is a live lease of this table.</summary>
    public bool IsLive(string leaseId) => _leases.ContainsKey(leaseId);

    /// <summary>Live leases held by <paramref name="worker"/>.</summary>
    public int HeldBy(string worker) => _leases.Values.Count(l => l.Worker == worker);

    /// <summary>Leases the next pending shard, or returns null when none is pending.</summary>
    public (int Shard, string LeaseId, DateTimeOffset Expires, int Attempt)? TryLease(string worker)
    {
        ReclaimExpired();
        var index = NextPending();
        if (index < 0)
        {
            return null;
        }

        var shard = _shards[index];
        shard.Status = ShardStatus.Leased;
        shard.Attempts++;
        var leaseId = string.Create(CultureInfo.InvariantCulture, $"{index}.{shard.Attempts}.{Guid.NewGuid():N}");
        var expires = _time.GetUtcNow() + _duration;
        _leases[leaseId] = new Lease(index, worker, expires);
        _expiries.Enqueue(leaseId, expires);
        return (index, leaseId, expires, shard.Attempts);
    }

    /// <summary>
    /// Extends a lease. A lease unknown to this table (issued before the coordinator restarted) is adopted when
    /// its shard is pending. False when the shard is no longer the lease holder's to work on.
    /// </summary>
    public bool Renew(string leaseId)
    {
        var expires = _time.GetUtcNow() + _duration;
        if (_leases.TryGetValue(leaseId, out var lease))
        {
            _leases[leaseId] = lease with { Expires = expires };
            _expiries.Enqueue(leaseId, expires);
            return true;
        }

        if (ShardOf(leaseId) is { } index && _shards[index].Status == ShardStatus.Pending)
        {
            _shards[index].Status = ShardStatus.Leased;
            _leases[leaseId] = new Lease(index, "adopted", expires);
            _expiries.Enqueue(leaseId, expires);
            return true;
        }

        return false;
    }

    /// <summary>Records a completed shard; false when the shard was already done (a duplicate, ignored).</summary>
    public bool Complete(string leaseId, int shardIndex, ShardCompletion completion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shardIndex, _shards.Count);
        _leases.Remove(leaseId);
        var shard = _shards[shardIndex];
        if (shard.Status == ShardStatus.Done)
        {
            return false;
        }

        if (shard.Status == ShardStatus.Failed)
        {
            Failed--;
        }

        shard.Status = ShardStatus.Done;
        shard.Completion = completion;
        shard.LastError = null;
        Done++;
        ReleaseOtherLeases(shardIndex);
        return true;
    }

    /// <summary>The holder gave up on its lease: the shard is retried, or failed after the last attempt.</summary>
    public void Fail(string leaseId, string reason)
    {
        if (_leases.Remove(leaseId, out var lease))
        {
            Release(lease.Shard, reason);
        }
        else if (ShardOf(leaseId) is { } index && _shards[index].Status == ShardStatus.Pending)
        {
            _shards[index].LastError = reason;
        }
    }

    /// <summary>
    /// The holder hands its lease back unfinished (its silo is shutting down): the shard is pending again at once and
    /// the attempt does not count towards the shard's limit.
    /// </summary>
    public void GiveBack(string leaseId)
    {
        if (_leases.Remove(leaseId, out var lease) && !HasLease(lease.Shard) && _shards[lease.Shard].Status == ShardStatus.Leased)
        {
            var shard = _shards[lease.Shard];
            shard.Attempts = Math.Max(0, shard.Attempts - 1);
            shard.Status = ShardStatus.Pending;
            _retries.Enqueue(lease.Shard);
        }
    }

    /// <summary>
    /// The holder was interrupted by the cluster rather than by the shard (a silo it called was lost): the shard is
    /// pending again and the attempt does not count, for the first <c>maxInterruptions</c> interruptions of a shard;
    /// after that an interruption is a failure like any other, so a shard cannot be retried for ever.
    /// </summary>
    /// <returns>True when the interruption was counted as a failed attempt.</returns>
    public bool Interrupt(string leaseId, string reason)
    {
        if (!_leases.TryGetValue(leaseId, out var lease))
        {
            return false;
        }

        var shard = _shards[lease.Shard];
        if (shard.Interruptions >= _maxInterruptions)
        {
            Fail(leaseId, $"{reason} (interrupted {shard.Interruptions + 1} times)");
            return true;
        }

        shard.Interruptions++;
        shard.LastError = reason;
        GiveBack(leaseId);
        return false;
    }

    /// <summary>Returns the shards of expired leases to the pending queue; the number reclaimed.</summary>
    public int ReclaimExpired()
    {
        var now = _time.GetUtcNow();
        var reclaimed = 0;
        while (_expiries.TryPeek(out var leaseId, out var expires) && expires <= now)
        {
            _expiries.Dequeue();
            if (_leases.TryGetValue(leaseId, out var lease) && lease.Expires == expires)
            {
                _leases.Remove(leaseId);
                Release(lease.Shard, $"lease expired (worker {lease.Worker} stopped renewing it)");
                reclaimed++;
            }
        }

        return reclaimed;
    }

    /// <summary>Drops every live lease (the job was cancelled).</summary>
    public void Clear()
    {
        _leases.Clear();
        _expiries.Clear();
    }

    public static int? ShardOf(string leaseId)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        var dot = leaseId.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && int.TryParse(leaseId.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    private void Release(int index, string reason)
    {
        var shard = _shards[index];
        if (shard.Status != ShardStatus.Leased || HasLease(index))
        {
            return;
        }

        shard.LastError = reason;
        if (shard.Attempts >= _maxAttempts)
        {
            shard.Status = ShardStatus.Failed;
            Failed++;
        }
        else
        {
            shard.Status = ShardStatus.Pending;
            _retries.Enqueue(index);
        }
    }

    private bool HasLease(int index) => _leases.Values.Any(l => l.Shard == index);

    private void ReleaseOtherLeases(int index)
    {
        if (_leases.Count == 0)
        {
            return;
        }

        foreach (var id in _leases.Where(l => l.Value.Shard == index).Select(l => l.Key).ToList())
        {
            _leases.Remove(id);
        }
    }

    private int NextPending()
    {
        while (_retries.TryDequeue(out var index))
        {
            if (_shards[index].Status == ShardStatus.Pending)
            {
                return index;
            }
        }

        while (_nextFresh < _shards.Count)
        {
            var index = _nextFresh++;
            if (_shards[index].Status == ShardStatus.Pending)
            {
                return index;
            }
        }

        return -1;
    }

    private sealed record Lease(int Shard, string Worker, DateTimeOffset Expires);
}
