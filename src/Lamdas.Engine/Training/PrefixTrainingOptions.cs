namespace Lamdas.Engine.Training;

/// <summary>Settings of <c>prefix train</c>.</summary>
public sealed record PrefixTrainingOptions
{
    public int Length { get; init; } = 30;

    public int MaxEpochs { get; init; } = 10;

    public double LearningRate { get; init; } = 0.2;

    public double WeightDecay { get; init; }

    public long Seed { get; init; } = 1234;

    /// <summary>
    /// Share of the reference documents held out for early stopping. 0 (the default) trains on every document and
    /// uses the NLL over the training windows after each epoch as the convergence check: a reference set of tens
    /// of documents gives a held-out split too small to stop on (it ends training after an epoch or two, by noise).
    /// </summary>
    public double ValidationFraction { get; init; }

    /// <summary>
    /// Folds of the cross-validation that picks the epoch count when nothing is held out and the reference set is
    /// small (see <see cref="CrossValidationMaxWindows"/>); 0 turns it off.
    /// </summary>
    public int CrossValidationFolds { get; init; } = 4;

    /// <summary>
    /// Largest reference set, in training windows, whose epoch count is cross-validated. A few documents are
    /// memorised within a few epochs (the training-set NLL still falls while new documents of the domain lose
    /// likelihood), and cross-validating them costs little; larger sets train for <see cref="MaxEpochs"/>.
    /// </summary>
    public int CrossValidationMaxWindows { get; init; } = 64;

    /// <summary>Whether the epoch count of <paramref name="documents"/> documents cut into <paramref name="windows"/> windows is cross-validated.</summary>
    public bool UsesCrossValidation(int documents, int windows) =>
        ValidationFraction == 0 && CrossValidationFolds >= 2 && documents >= CrossValidationFolds && windows <= CrossValidationMaxWindows;

    /// <summary>Epochs without a better validation NLL before training stops.</summary>
    public int Patience { get; init; } = 2;

    public int BatchTokens { get; init; } = 1024;

    /// <summary>Window length: reference documents are cut into windows of this many tokens (the scoring length).</summary>
    public int MaxTokens { get; init; } = 1024;

    /// <summary>A document's last window is used only if it has at least this many tokens (or is its only window).</summary>
    public int MinWindowTokens { get; init; } = 16;

    /// <summary>
    /// Weight of the contrastive term over a background sample of the candidate pool; 0 (the default) trains on the
    /// reference alone, as does a missing background.
    /// </summary>
    public double ContrastWeight { get; init; }

    /// <summary>Sharpness k of the contrastive loss softplus(k·m)/k, m = a background window's mean per-token log-ratio.</summary>
    public double ContrastScale { get; init; } = 4.0;

    /// <summary>Background documents used at most (their first window each).</summary>
    public int MaxBackgroundDocuments { get; init; } = 256;

    /// <summary>Tokens read from one reference document at most (bounds memory for a huge reference file).</summary>
    public const int MaxDocumentTokens = 65_536;

    /// <summary>Documents held out of <paramref name="count"/>: none at fraction 0, else the rounded share, at least one when there are two or more.</summary>
    public int HeldOutCount(int count) => count < 2 || ValidationFraction == 0 ? 0 : Math.Max(1, (int)Math.Round(count * ValidationFraction));

    public void Validate()
    {
        var problems = new List<string>();
        if (Length <= 0)
        {
            problems.Add($"--length must be positive (got {Length})");
        }

        if (MaxEpochs <= 0)
        {
            problems.Add($"--epochs must be positive (got {MaxEpochs})");
        }

        if (!(LearningRate > 0))
        {
            problems.Add($"--lr must be positive (got {LearningRate})");
        }

        if (ValidationFraction is < 0 or >= 1)
        {
            problems.Add($"--validation-fraction must be in [0, 1) (got {ValidationFraction})");
        }

        if (Patience <= 0)
        {
            problems.Add($"--patience must be positive (got {Patience})");
        }

        if (BatchTokens <= 0 || MaxTokens <= 0)
        {
            problems.Add("--batch-tokens and --max-tokens must be positive");
        }

        if (CrossValidationFolds is < 0 or 1 || CrossValidationMaxWindows < 0)
        {
            problems.Add($"--cv-folds must be 0 (off) or at least 2, --cv-max-windows at least 0 (got {CrossValidationFolds}, {CrossValidationMaxWindows})");
        }

        if (MinWindowTokens <= 0)
        {
            problems.Add($"the minimum window length must be positive (got {MinWindowTokens})");
        }

        if (!(ContrastWeight >= 0) || !(ContrastScale > 0) || MaxBackgroundDocuments <= 0)
        {
            problems.Add($"the contrast weight must be ≥ 0, the contrast scale and the background size positive (got {ContrastWeight}, {ContrastScale}, {MaxBackgroundDocuments})");
        }

        if (problems.Count > 0)
        {
            throw new EngineException(string.Join("; ", problems));
        }
    }
}
