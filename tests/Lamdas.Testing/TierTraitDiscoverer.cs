using Xunit.Abstractions;
using Xunit.Sdk;

namespace Lamdas.Testing;

/// <summary>Gives tests marked <see cref="IntegrationAttribute"/> the trait <c>Tier=Integration</c>.</summary>
public sealed class TierTraitDiscoverer : ITraitDiscoverer
{
    public const string TypeName = "Lamdas.Testing.TierTraitDiscoverer";

    public const string AssemblyName = "Lamdas.Testing";

    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new KeyValuePair<string, string>(Tier.Trait, Tier.Integration);
    }
}
