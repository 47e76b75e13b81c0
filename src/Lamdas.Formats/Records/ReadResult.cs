namespace Lamdas.Formats;

/// <summary>One step of reading: a record or a bad record (exactly one is set), in file order.</summary>
public readonly record struct ReadResult(SourceRecord? Record, BadRecord? Bad);
