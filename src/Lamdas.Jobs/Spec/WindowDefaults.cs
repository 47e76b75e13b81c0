namespace Lamdas.Jobs.Spec;

/// <summary>
/// The LAMDAS scoring window a job (and <c>lamdas score</c>) uses unless told otherwise, and which windows are accepted
/// (docs/benchmarks.md). The rule lives with the spec so that validating a spec needs nothing from the engine.
/// </summary>
public static class WindowDefaults
{
    /// <summary>The default window, in tokens.</summary>
    public const int Tokens = 64;

    /// <summary>The window used when none is given: the default where documents can be longer than it, else 0.</summary>
    public static int For(int maxTokens) => Tokens < maxTokens ? Tokens : 0;

    /// <summary>A window a job or command accepts: 0 (off) or shorter than the scored length.</summary>
    public static bool IsValid(int windowTokens, int maxTokens) => windowTokens == 0 || (windowTokens > 0 && windowTokens < maxTokens);
}
