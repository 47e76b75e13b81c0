namespace Lamdas.Jobs.Running;

/// <summary>The outcome of <see cref="OutputClaim.TryAcquireAsync"/>: acquired, or the job that holds the folder.</summary>
public sealed record OutputClaimResult(bool IsAcquired, string? HeldBy, DateTimeOffset? HeldSince)
{
    /// <summary>The folder is this job's.</summary>
    public static OutputClaimResult Acquired { get; } = new(true, null, null);

    /// <summary>Why the folder cannot be used, for an error message.</summary>
    public string Describe(string output) => IsAcquired
        ? $"output '{output}' is claimed by this job"
        : $"output '{output}' is in use by job {HeldBy}" + (HeldSince is { } since ? $" (since {since:u})" : "") +
          $"; it is released when that job ends (if no job is using the folder, delete {OutputClaim.UriFor(output)})";
}
