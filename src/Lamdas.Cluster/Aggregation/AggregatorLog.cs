using Microsoft.Extensions.Logging;

namespace Lamdas.Cluster.Aggregation;

internal static partial class AggregatorLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Aggregator {Key}: committed shard {Shard} ({Documents} documents, {Selected} selected, {Files} files)")]
    public static partial void Committed(ILogger logger, string key, int shard, long documents, long selected, int files);
}
