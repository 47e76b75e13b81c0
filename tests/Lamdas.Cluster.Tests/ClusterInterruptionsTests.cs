using Lamdas.Cluster.Errors;
using Lamdas.Cluster.Workers;

namespace Lamdas.Cluster.Tests;

public sealed class ClusterInterruptionsTests
{
    [Fact]
    public void LostSilosTimeoutsAndUnknownLeasesAreInterruptions()
    {
        Assert.True(ClusterInterruptions.IsInterruption(new SiloUnavailableException("S1 dead")));
        Assert.True(ClusterInterruptions.IsInterruption(new GatewayTooBusyException()));
        Assert.True(ClusterInterruptions.IsInterruption(new TimeoutException("response timed out")));
        Assert.True(ClusterInterruptions.IsInterruption(new LeaseNotHeldException("lease 1.1.x")));
        Assert.True(ClusterInterruptions.IsInterruption(new OrleansException("call failed", new SiloUnavailableException("S1 dead"))));
    }

    [Fact]
    public void FailuresOfTheWorkItselfAreNot()
    {
        Assert.False(ClusterInterruptions.IsInterruption(new InvalidDataException("not JSON")));
        Assert.False(ClusterInterruptions.IsInterruption(new InvalidOperationException("result marker missing")));
        Assert.False(ClusterInterruptions.IsInterruption(new IOException("disk full")));
        Assert.False(ClusterInterruptions.IsInterruption(new AggregateException(new TimeoutException(), new IOException("disk full"))));
        Assert.True(ClusterInterruptions.IsInterruption(new AggregateException(new TimeoutException(), new SiloUnavailableException())));
    }
}
