namespace Lamdas.Cluster.Messages;

/// <summary>An input record that could not be scored, with its reason and its raw bytes.</summary>
[GenerateSerializer, Immutable, Alias("lamdas.QuarantinedRecord")]
public sealed record QuarantinedRecord(
    [property: Id(0)] string Source,
    [property: Id(1)] long Position,
    [property: Id(2)] string Reason,
    [property: Id(3)] byte[] Raw);
