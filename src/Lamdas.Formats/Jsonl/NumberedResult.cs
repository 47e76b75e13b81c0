namespace Lamdas.Formats;

/// <summary>A JSONL read result and the 1-based number of its line (blank lines count but are not returned).</summary>
public readonly record struct NumberedResult(long Line, ReadResult Result);
