using Lamdas.Formats;

namespace Lamdas.Jobs.Running;

/// <summary>
/// The scores of one chunk of a shard's records, in input order: one row per scored document, the records that
/// could not be scored, and the chunk's best and worst documents (candidates for the report's examples).
/// </summary>
public sealed record ScoredChunk(
    IReadOnlyList<ScoreRow> Rows,
    IReadOnlyList<BadRecord> Bad,
    IReadOnlyList<Example> Top,
    IReadOnlyList<Example> Bottom,
    long Selected,
    long Tokens);
