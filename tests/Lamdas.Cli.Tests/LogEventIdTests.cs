using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Lamdas.Cli.Tests;

/// <summary>Log event ids are what operators filter and alert on: within a project, each names exactly one message.</summary>
public sealed class LogEventIdTests
{
    public static TheoryData<string> Assemblies() =>
    [
        typeof(Lamdas.Cluster.Coordination.JobCoordinatorGrain).Assembly.GetName().Name!,
        typeof(Lamdas.Api.Jobs.JobDirectory).Assembly.GetName().Name!,
    ];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void EveryLogMessageHasItsOwnEventId(string assembly)
    {
        var messages = Assembly.Load(assembly).GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();
        Assert.True(messages.Count > 5, $"only {messages.Count} log messages found in {assembly}");
        var shared = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();
        Assert.True(shared.Count == 0, $"event ids used twice in {assembly}: " + string.Join("; ", shared));
    }
}
