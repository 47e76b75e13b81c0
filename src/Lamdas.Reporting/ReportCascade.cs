namespace Lamdas.Reporting;

/// <summary>
/// A cascade job's figures: its first stage, the pilot that chose the cut, and what reached the LLM. The job's own
/// totals (<see cref="ReportData.Documents"/>, <see cref="ReportData.Tokens"/>) give the shares and what was saved.
/// </summary>
public sealed record ReportCascade
{
    /// <summary>First-stage method: dsir or tfidf.</summary>
    public required string Method { get; init; }

    /// <summary>First-stage score a document needs to reach the LLM; null: every document reached it.</summary>
    public double? Cut { get; init; }

    /// <summary>Why every document reached the LLM, when <see cref="Cut"/> is null.</summary>
    public string? Note { get; init; }

    /// <summary>Documents the pilot scored with both stages.</summary>
    public int PilotDocuments { get; init; }

    /// <summary>Of those, the ones the LLM alone keeps.</summary>
    public int PilotKept { get; init; }

    /// <summary>Rounds the pilot ran.</summary>
    public int PilotRounds { get; init; }

    /// <summary>Share of the pilot at or above the cut.</summary>
    public double PilotPassRate { get; init; }

    /// <summary>Recall the job asked for.</summary>
    public double TargetRecall { get; init; }

    /// <summary>Confidence of <see cref="RecallLower"/>.</summary>
    public double Confidence { get; init; }

    /// <summary>Estimated recall of the LLM-only selection (the pilot's point estimate).</summary>
    public double Recall { get; init; }

    /// <summary>The recall's lower confidence bound.</summary>
    public double RecallLower { get; init; }

    /// <summary>Documents that reached the LLM.</summary>
    public long ModelDocuments { get; init; }

    /// <summary>Tokens the LLM read.</summary>
    public long ModelTokens { get; init; }

    /// <summary>Mean tokens of a candidate document, untruncated.</summary>
    public double CandidateTokensPerDocument { get; init; }

    /// <summary>Mean tokens the LLM reads of a document (cut at max_tokens).</summary>
    public double ScoredTokensPerDocument { get; init; }
}
