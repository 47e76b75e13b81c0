using Xunit.Sdk;

namespace Lamdas.Testing;

/// <summary>
/// Marks a test (or every test of a class) as part of the integration tier: it starts processes or servers (silos,
/// Azurite, Redis, Chromium), trains or runs a model end to end, or takes more than about ten seconds. It adds the
/// trait <c>Tier=Integration</c>; <c>./test.sh --fast</c> runs the rest (<c>--filter "Tier!=Integration"</c>).
/// </summary>
[TraitDiscoverer(TierTraitDiscoverer.TypeName, TierTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class IntegrationAttribute : Attribute, ITraitAttribute
{
}
