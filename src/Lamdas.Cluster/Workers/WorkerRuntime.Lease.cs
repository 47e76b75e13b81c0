using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;

namespace Lamdas.Cluster.Workers;

/// <summary>One lease in hand: the heartbeat that renews it, the handler that does it, and what the coordinator is told.</summary>
public sealed partial class WorkerRuntime
{
    private async Task DoAsync(IJobCoordinatorGrain coordinator, ShardLease lease, CancellationToken stop)
    {
        using var work = CancellationTokenSource.CreateLinkedTokenSource(stop);
        lock (_gate)
        {
            if (_abortedJobs.Contains(lease.JobId))
            {
                // Cancelled between the lease and now: the lease is void already.
                WorkerLog.WorkAborted(_logger, lease.JobId, Describe(lease));
                return;
            }

            (_inHand, _inHandJob, _inHandAborted) = (work, lease.JobId, false);
        }

        var lost = false;
        var heartbeat = Task.Run(async () =>
        {
            try
            {
                while (!work.IsCancellationRequested)
                {
                    await Task.Delay(lease.RenewEvery, work.Token);
                    if (!await coordinator.RenewAsync(lease.LeaseId))
                    {
                        lost = true;
                        WorkerLog.LeaseLost(_logger, lease.JobId, lease.LeaseId);
                        await work.CancelAsync();
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A missed heartbeat is not fatal: the next one, or the lease expiry, decides.
                WorkerLog.LoopError(_logger, e.Message, e);
            }
        }, CancellationToken.None);

        _currentJob = lease.JobId;
        _currentShard = lease.ShardIndex;
        try
        {
            switch (lease.Kind)
            {
                case LeaseKind.Prepare:
                    await _prepare.RunAsync(coordinator, lease, work.Token);
                    break;
                case LeaseKind.Shard:
                    await _shards.RunAsync(coordinator, lease, work.Token);
                    break;
                case LeaseKind.Finalize:
                    await _finalize.RunAsync(coordinator, lease, work.Token);
                    break;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException && Aborted())
        {
            // The job was cancelled: its leases are void, so there is nothing to give back or to count as a failure.
            WorkerLog.WorkAborted(_logger, lease.JobId, Describe(lease));
        }
        catch (OperationCanceledException) when (lost || stop.IsCancellationRequested)
        {
            if (!lost)
            {
                await TellCoordinatorAsync(() => coordinator.GiveBackAsync(lease.LeaseId));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException && ClusterInterruptions.IsInterruption(e))
        {
            WorkerLog.WorkInterrupted(_logger, lease.JobId, Describe(lease), e.Message);
            await TellCoordinatorAsync(() => coordinator.InterruptedAsync(lease.LeaseId, $"{e.GetType().Name}: {e.Message}"));

            // Give membership a moment to settle before asking for the next lease.
            await PauseAsync(stop);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            WorkerLog.WorkFailed(_logger, lease.JobId, Describe(lease), e.Message, e);
            await TellCoordinatorAsync(() => coordinator.FailAsync(lease.LeaseId, $"{e.GetType().Name}: {e.Message}"));
        }
        finally
        {
            await work.CancelAsync();
            await heartbeat;
            lock (_gate)
            {
                (_inHand, _inHandJob, _inHandAborted) = (null, null, false);
            }

            _currentJob = null;
            _currentShard = -1;
        }
    }

    private bool Aborted()
    {
        lock (_gate)
        {
            return _inHandAborted;
        }
    }

    /// <summary>Tells the coordinator what became of a lease; if it cannot be reached, the lease expires on its own.</summary>
    private async Task TellCoordinatorAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            WorkerLog.LoopError(_logger, e.Message, e);
        }
    }

    private async Task PauseAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(_settings.PollInterval, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Describe(ShardLease lease) => lease.Kind switch
    {
        LeaseKind.Shard => $"shard {lease.ShardIndex}",
        _ => lease.Kind.ToString().ToLowerInvariant(),
    };
}
