using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Lamdas.Cluster.Telemetry;

/// <summary>
/// The per-job state behind the observable per-job instruments: counts per job and silo, and the job gauges
/// (progress, prefix loss and epoch). A job's series are dropped <see cref="Retention"/> after it is marked finished
/// (<see cref="Finish"/>); counting for it again (a resumed job) clears the mark. The OpenTelemetry SDK exports only
/// the attribute sets an observable instrument reports in the current collection, so a dropped job's series leave
/// <c>/metrics</c> at the next scrape; synchronous counters would keep every job's series for the life of the process.
/// </summary>
public sealed class JobSeries(TimeProvider time)
{
    private static readonly int Counters = Enum.GetValues<JobCounter>().Length;

    private readonly ConcurrentDictionary<(string Job, string Silo), long[]> _counts = new();
    private readonly ConcurrentDictionary<string, double> _progress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _prefixLoss = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _prefixEpoch = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _queueWait = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _finished = new(StringComparer.Ordinal);

    /// <summary>How long a finished job's series stay exported.</summary>
    public TimeSpan Retention { get; set; } = LamdasTelemetryOptions.DefaultFinishedJobRetention;

    /// <summary>Jobs with series (finished ones included until they expire).</summary>
    public int Jobs => _counts.Keys.Select(k => k.Job).Concat(_progress.Keys).Concat(_prefixLoss.Keys).Concat(_prefixEpoch.Keys).Concat(_queueWait.Keys).Distinct(StringComparer.Ordinal).Count();

    public void Add(JobCounter counter, string jobId, string silo, long value)
    {
        _finished.TryRemove(jobId, out _);
        var counts = _counts.GetOrAdd((jobId, silo), _ => new long[Counters]);
        Interlocked.Add(ref counts[(int)counter], value);
    }

    public void SetProgress(string jobId, double ratio) => _progress[jobId] = ratio;

    public void SetPrefixLoss(string jobId, double loss) => _prefixLoss[jobId] = loss;

    public void SetPrefixEpoch(string jobId, int epoch) => _prefixEpoch[jobId] = epoch;

    public void SetQueueWait(string jobId, double seconds) => _queueWait[jobId] = seconds;

    /// <summary>Marks the job finished (the first mark counts): its series go <see cref="Retention"/> later.</summary>
    public void Finish(string jobId) => _finished.TryAdd(jobId, time.GetUtcNow());

    /// <summary>Drops the series of jobs finished more than <see cref="Retention"/> ago.</summary>
    public void Expire()
    {
        var now = time.GetUtcNow();
        foreach (var (job, at) in _finished)
        {
            if (now - at < Retention)
            {
                continue;
            }

            foreach (var key in _counts.Keys.Where(k => k.Job == job))
            {
                _counts.TryRemove(key, out _);
            }

            _progress.TryRemove(job, out _);
            _prefixLoss.TryRemove(job, out _);
            _prefixEpoch.TryRemove(job, out _);
            _queueWait.TryRemove(job, out _);
            _finished.TryRemove(job, out _);
        }
    }

    public IEnumerable<Measurement<long>> Observe(JobCounter counter)
    {
        Expire();
        return _counts.Select(c => new Measurement<long>(Interlocked.Read(ref c.Value[(int)counter]),
            LamdasTelemetry.Job(c.Key.Job), LamdasTelemetry.Silo(c.Key.Silo))).ToList();
    }

    public IEnumerable<Measurement<double>> ObserveProgress() => Gauge(_progress);

    public IEnumerable<Measurement<double>> ObservePrefixLoss() => Gauge(_prefixLoss);

    public IEnumerable<Measurement<int>> ObservePrefixEpoch() => Gauge(_prefixEpoch);

    public IEnumerable<Measurement<double>> ObserveQueueWait() => Gauge(_queueWait);

    private List<Measurement<T>> Gauge<T>(ConcurrentDictionary<string, T> values)
        where T : struct
    {
        Expire();
        return values.Select(v => new Measurement<T>(v.Value, LamdasTelemetry.Job(v.Key))).ToList();
    }
}
