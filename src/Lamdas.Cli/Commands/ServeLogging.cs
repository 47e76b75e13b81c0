using Microsoft.Extensions.Logging;

namespace Lamdas.Cli.Commands;

/// <summary>The log levels <c>lamdas serve</c> fixes for the frameworks under the product's own categories.</summary>
internal static class ServeLogging
{
    /// <summary>
    /// Orleans and ASP.NET Core: warnings and above. Orleans' placement retries (a Polly pipeline, category
    /// <c>Polly</c>) log every attempt as a warning while the cluster forms; a placement that still fails reaches the
    /// caller as an exception, so only their errors are kept. A failed start is reported once, as one line, by the
    /// command, not as a logged stack trace.
    /// </summary>
    public static ILoggingBuilder AddServeFilters(this ILoggingBuilder logging) =>
        logging.AddFilter("Orleans", LogLevel.Warning)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Polly", LogLevel.Error)
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
}
