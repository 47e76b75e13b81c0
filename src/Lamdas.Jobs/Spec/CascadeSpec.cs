namespace Lamdas.Jobs.Spec;

/// <summary>
/// A two-stage LAMDAS job: a cheap scorer (<see cref="Method"/>, fitted on the reference and a candidate sample) scores
/// every candidate, and only those at or above a cut reach the two LLM passes. The cut is chosen per job from a pilot: a
/// deterministic sample of <see cref="PilotDocuments"/> candidates spread over the shards, scored by both stages; the
/// cut is the highest one whose recall of the pilot documents plain LAMDAS would keep has a lower confidence bound (at
/// <see cref="Confidence"/>) of at least <see cref="Recall"/>. A pilot with too few kept documents to show that grows,
/// up to <see cref="MaxPilotDocuments"/>; one that cannot (or that reads the whole corpus) lets every document through.
/// </summary>
[GenerateSerializer, Immutable, Alias("lamdas.CascadeSpec")]
public sealed record CascadeSpec
{
    /// <summary>
    /// Candidates in the pilot's first round: enough that the recall's lower bound sits close to the point estimate (on
    /// the development tasks a 10,000-document pilot let 22.5 % of the documents through at recall 0.9, a 4,000-document
    /// one 25.0 %), and at 100 B candidate tokens a few hundredths of a percent of the LLM's work.
    /// </summary>
    public const int DefaultPilotDocuments = 10_000;

    public const int DefaultMaxPilotDocuments = 40_000;

    /// <summary>
    /// The share of plain LAMDAS's selection the cut keeps by default. On the development tasks a cut at 0.9 kept mean
    /// precision@P and AUROC (0.7435 / 0.980 against 0.743 / 0.980) while 0.99 let 2.4 times as many documents through
    /// (docs/benchmarks.md, "Cost").
    /// </summary>
    public const double DefaultRecall = 0.9;

    /// <summary>The first stage: <see cref="SelectionMethod.Dsir"/> or <see cref="SelectionMethod.TfIdf"/>.</summary>
    [Id(0)]
    public SelectionMethod Method { get; init; } = SelectionMethod.Dsir;

    /// <summary>Share of plain LAMDAS's selection the first stage must keep (lower confidence bound on the pilot).</summary>
    [Id(1)]
    public double Recall { get; init; } = DefaultRecall;

    /// <summary>One-sided confidence level of the recall's lower bound.</summary>
    [Id(2)]
    public double Confidence { get; init; } = 0.95;

    /// <summary>Candidates in the pilot's first round.</summary>
    [Id(3)]
    public int PilotDocuments { get; init; } = DefaultPilotDocuments;

    /// <summary>Most candidates the pilot grows to when its first round keeps too few documents to bound the recall.</summary>
    [Id(4)]
    public int MaxPilotDocuments { get; init; } = DefaultMaxPilotDocuments;
}
