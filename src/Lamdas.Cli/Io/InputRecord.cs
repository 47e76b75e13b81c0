namespace Lamdas.Cli.Io;

/// <summary>One line of a JSONL input: a usable document, or the reason it cannot be used.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="IdJson">the record's <c>id</c> as raw JSON (kept as given: string or number), when it could be read.</param>
/// <param name="Text">the document text, when valid.</param>
/// <param name="Error">why the record is unusable, or null.</param>
public sealed record InputRecord(long Line, string? IdJson, string? Text, string? Error)
{
    public bool IsValid => Error is null;

    public string Describe() => IdJson is null ? $"line {Line}" : $"line {Line} (id {IdJson})";
}
