using Lamdas.Cluster.Grains;

namespace Lamdas.Cluster.Coordination;

/// <summary>Telling every silo's worker, without waiting, that there is work (wake) or that the job's work is void (abort).</summary>
public sealed partial class JobCoordinatorGrain
{
    private void WakeWorkers()
    {
        // The grain's services are reached on its own turn only: the task below uses the factory captured here.
        var grains = GrainFactory;
        var management = grains.GetGrain<IManagementGrain>(0);
        var jobId = JobId;
        _ = Task.Run(async () =>
        {
            try
            {
                foreach (var host in (await management.GetHosts(onlyActive: true)).Keys)
                {
                    try
                    {
                        await grains.GetGrain<IScoringWorkerGrain>(host.ToParsableString()).WakeAsync();
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        CoordinatorLog.WakeFailed(logger, jobId, host.ToString(), e.Message);
                    }
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                CoordinatorLog.WakeFailed(logger, jobId, "*", e.Message);
            }
        });
    }

    /// <summary>Tells every silo's worker, in parallel and without waiting, to drop its work on this job.</summary>
    private void AbortWorkers()
    {
        var grains = GrainFactory;
        var management = grains.GetGrain<IManagementGrain>(0);
        var jobId = JobId;
        _ = Task.Run(async () =>
        {
            try
            {
                var hosts = (await management.GetHosts(onlyActive: true)).Keys;
                await Task.WhenAll(hosts.Select(async host =>
                {
                    try
                    {
                        await grains.GetGrain<IScoringWorkerGrain>(host.ToParsableString()).AbortJobAsync(jobId);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        CoordinatorLog.AbortFailed(logger, jobId, host.ToString(), e.Message);
                    }
                }));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                CoordinatorLog.AbortFailed(logger, jobId, "*", e.Message);
            }
        });
    }
}
