using System.Text.Json.Serialization;

namespace Lamdas.Jobs.Running;

/// <summary>
/// What a cascade's pilot found, persisted at <c>cascade/pilot.json</c> in the job's output (every worker scores with
/// the same cut) and carried in the job's provenance to the manifest, the report and the job status.
/// </summary>
[GenerateSerializer, Immutable, Alias("lamdas.CascadePilot")]
public sealed record CascadePilot
{
    /// <summary>First-stage method (dsir or tfidf).</summary>
    [Id(0)]
    [JsonPropertyName("method")]
    public required string Method { get; init; }

    [Id(1)]
    [JsonPropertyName("target_recall")]
    public double TargetRecall { get; init; }

    [Id(2)]
    [JsonPropertyName("confidence")]
    public double Confidence { get; init; }

    /// <summary>Candidates the pilot scored with both stages (its last round).</summary>
    [Id(3)]
    [JsonPropertyName("pilot_documents")]
    public int Documents { get; init; }

    /// <summary>Of those, the ones plain LAMDAS keeps.</summary>
    [Id(4)]
    [JsonPropertyName("pilot_kept")]
    public int Kept { get; init; }

    /// <summary>First-stage score a candidate needs to reach the LLM; null: every candidate reaches it.</summary>
    [Id(5)]
    [JsonPropertyName("cut")]
    public double? Cut { get; init; }

    /// <summary>Share of the pilot at or above the cut.</summary>
    [Id(6)]
    [JsonPropertyName("pilot_pass_rate")]
    public double PassRate { get; init; }

    /// <summary>Share of the pilot's kept documents at or above the cut (point estimate).</summary>
    [Id(7)]
    [JsonPropertyName("recall")]
    public double Recall { get; init; }

    /// <summary>The recall's lower confidence bound.</summary>
    [Id(8)]
    [JsonPropertyName("recall_lower")]
    public double RecallLower { get; init; }

    /// <summary>Mean model tokens of a pilot document, untruncated (the corpus's tokens per document).</summary>
    [Id(9)]
    [JsonPropertyName("candidate_tokens_per_document")]
    public double CandidateTokensPerDocument { get; init; }

    /// <summary>Mean tokens the LLM reads of a pilot document (cut at max_tokens).</summary>
    [Id(10)]
    [JsonPropertyName("scored_tokens_per_document")]
    public double ScoredTokensPerDocument { get; init; }

    /// <summary>Rounds the pilot ran (it grows when too few documents are kept to bound the recall).</summary>
    [Id(11)]
    [JsonPropertyName("rounds")]
    public int Rounds { get; init; }

    /// <summary>Documents the LLM scored for the pilot, over all its rounds (0 when the corpus was too small for one).</summary>
    [Id(13)]
    [JsonPropertyName("model_documents")]
    public int ModelDocuments { get; init; }

    /// <summary>Why every candidate reaches the LLM, when <see cref="Cut"/> is null.</summary>
    [Id(12)]
    [JsonPropertyName("note")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }

    /// <summary>One line for logs and the console.</summary>
    public string Describe() => Cut is { } cut
        ? FormattableString.Invariant($"cascade: {Method} cut {cut:G6} lets {PassRate:P1} of the pilot through; recall of plain LAMDAS's selection {Recall:P1} (≥ {RecallLower:P1} at {Confidence:P0} confidence; {Kept} kept of {Documents} pilot documents)")
        : $"cascade: every candidate reaches the LLM ({Note})";
}
