using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Lamdas.Api.Tests;

/// <summary>Log event ids are what operators filter and alert on: each one names exactly one message.</summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_message_of_the_api_has_its_own_event_id()
    {
        var messages = typeof(Lamdas.Api.Jobs.JobDirectory).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();
        Assert.True(messages.Count > 5, $"only {messages.Count} log messages found");
        var shared = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();
        Assert.True(shared.Count == 0, "event ids used twice: " + string.Join("; ", shared));
    }
}
