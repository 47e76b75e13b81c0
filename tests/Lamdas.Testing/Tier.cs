namespace Lamdas.Testing;

/// <summary>The test tiers: the trait name and its values (see <see cref="IntegrationAttribute"/>).</summary>
public static class Tier
{
    public const string Trait = "Tier";

    /// <summary>Slow tests that need processes, servers or real training; <c>./test.sh --fast</c> leaves them out.</summary>
    public const string Integration = "Integration";
}
