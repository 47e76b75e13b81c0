using Lamdas.Api.Teams;

namespace Lamdas.Api.Tests;

/// <summary>Team configurations shared by the tests.</summary>
internal static class Teams
{
    public static TeamOptions Research => new()
    {
        Name = "research",
        ApiKeySha256 = ApiKeyHash.Hex("research-key"),
        InputPrefixes = ["/data/corpora/", "file:///models", "az://corpora/research", "https://acct.blob.core.windows.net/shared/"],
        OutputPrefixes = ["az://selections/research/", "/data/out/research"],
    };

    public static TeamOptions Ads => new()
    {
        Name = "ads",
        ApiKeySha256 = ApiKeyHash.Hex("ads-key"),
        InputPrefixes = ["az://corpora/ads/", "http://127.0.0.1:10000/devstoreaccount1/ads-in"],
        OutputPrefixes = ["az://selections/ads/"],
    };
}
