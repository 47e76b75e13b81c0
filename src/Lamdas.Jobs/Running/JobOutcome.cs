namespace Lamdas.Jobs.Running;

/// <summary>The result of a job run.</summary>
public sealed record JobOutcome(
    bool Succeeded,
    string Output,
    long Documents,
    long Selected,
    long Quarantined,
    long Tokens,
    double BadFraction,
    string Message,
    TimeSpan Elapsed);
