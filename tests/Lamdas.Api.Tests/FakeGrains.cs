using System.Reflection;
using Lamdas.Cluster.Grains;
using Lamdas.Cluster.Messages;

namespace Lamdas.Api.Tests;

/// <summary>
/// A grain factory without a cluster: the registry answers with the team usage the test sets, and every coordinator
/// accepts its submission (recording it) and answers with a planning status.
/// </summary>
internal sealed class FakeGrains
{
    public FakeGrains()
    {
        Factory = GrainProxy.Create<IGrainFactory>(Grain);
    }

    /// <summary>What the registry reports for every team.</summary>
    public TeamUsage Usage { get; set; } = new() { Team = "" };

    /// <summary>The submissions the coordinators accepted, in order.</summary>
    public List<JobSubmission> Submitted { get; } = [];

    public IGrainFactory Factory { get; }

    private object? Grain(MethodInfo method, object?[]? args)
    {
        if (method.Name != nameof(IGrainFactory.GetGrain) || !method.IsGenericMethod)
        {
            throw new NotSupportedException($"IGrainFactory.{method.Name}");
        }

        var type = method.GetGenericArguments()[0];
        if (type == typeof(IJobRegistryGrain))
        {
            return GrainProxy.Create<IJobRegistryGrain>(Registry);
        }

        if (type == typeof(IJobCoordinatorGrain))
        {
            var jobId = (string)args![0]!;
            return GrainProxy.Create<IJobCoordinatorGrain>((m, a) => Coordinator(jobId, m, a));
        }

        throw new NotSupportedException(type.Name);
    }

    private object? Registry(MethodInfo method, object?[]? args) => method.Name switch
    {
        nameof(IJobRegistryGrain.TeamUsageAsync) => Task.FromResult(Usage with { Team = (string)args![0]! }),
        nameof(IJobRegistryGrain.ListAsync) => Task.FromResult<IReadOnlyList<JobEntry>>([]),
        _ => throw new NotSupportedException($"IJobRegistryGrain.{method.Name}"),
    };

    private object? Coordinator(string jobId, MethodInfo method, object?[]? args)
    {
        if (method.Name != nameof(IJobCoordinatorGrain.SubmitAsync))
        {
            throw new NotSupportedException($"IJobCoordinatorGrain.{method.Name}");
        }

        var submission = (JobSubmission)args![0]!;
        lock (Submitted)
        {
            Submitted.Add(submission);
        }

        return Task.FromResult(new JobStatus { JobId = jobId, Team = submission.Team, Name = submission.Spec.Name, Phase = JobPhase.Planning });
    }
}
