using Microsoft.Extensions.Logging;

namespace Lamdas.Cluster.Hosting;

/// <summary>Sends the product's own log messages (categories <c>Lamdas.*</c>, information and above) to a callback.</summary>
public sealed class CallbackLoggerProvider(Action<string> write) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CallbackLogger(categoryName.StartsWith("Lamdas.", StringComparison.Ordinal), write);

    public void Dispose()
    {
    }

    private sealed class CallbackLogger(bool ours, Action<string> write) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= (ours ? LogLevel.Information : LogLevel.Error);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                write(logLevel >= LogLevel.Warning ? $"{logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception)}" : formatter(state, exception));
            }
        }
    }
}
