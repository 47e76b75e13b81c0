namespace Lamdas.Jobs.Spec;

/// <summary>Every problem found in a job specification, each with its path (e.g. <c>selection.tau must be &gt; 0</c>).</summary>
public sealed class JobSpecException(IReadOnlyList<string> problems)
    : Exception("invalid job specification:\n  - " + string.Join("\n  - ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
