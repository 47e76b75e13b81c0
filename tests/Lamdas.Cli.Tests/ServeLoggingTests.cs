using Lamdas.Cli.Commands;
using Microsoft.Extensions.Logging;

namespace Lamdas.Cli.Tests;

/// <summary>The levels <c>lamdas serve</c> sets: placement retries (Polly) only as errors, the product's own lines kept.</summary>
public sealed class ServeLoggingTests
{
    [Fact]
    public void PlacementRetryWarningsAreDroppedAndErrorsKept()
    {
        var provider = new RecordingProvider();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(provider).AddServeFilters()))
        {
            var polly = factory.CreateLogger("Polly");
            polly.LogWarning("Execution attempt. Source: 'IPlacementService' retry 1");
            polly.LogError("Execution attempt. Source: 'IPlacementService' gave up");
            factory.CreateLogger("Orleans.Runtime.Silo").LogInformation("Silo starting");
            factory.CreateLogger("Orleans.Runtime.Silo").LogWarning("Silo slow");
            factory.CreateLogger("Lamdas.Cluster.Workers.WorkerRuntime").LogInformation("committed shard 1");
        }

        Assert.Equal(
            new[] { "Polly Error", "Orleans.Runtime.Silo Warning", "Lamdas.Cluster.Workers.WorkerRuntime Information" },
            provider.Lines.ToArray());
    }

    private sealed class RecordingProvider : ILoggerProvider
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Add($"{category} {logLevel}");
        }
    }
}
