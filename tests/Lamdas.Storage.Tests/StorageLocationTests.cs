namespace Lamdas.Storage.Tests;

public sealed class StorageLocationTests
{
    [Theory]
    // Local paths: folder boundaries, trailing slashes, '..', file:// equivalence, globs.
    [InlineData("/data/corpora/", "/data/corpora/a.jsonl", true)]
    [InlineData("/data/corpora", "/data/corpora/a.jsonl", true)]
    [InlineData("/data/corpora/", "/data/corpora", true)]
    [InlineData("/data/corpora", "/data/corpora/", true)]
    [InlineData("/data/corpora", "/data/corpora2/a.jsonl", false)]
    [InlineData("/data/corpora", "/data/corp", false)]
    [InlineData("/data/corpora", "/data", false)]
    [InlineData("/data/corpora", "/data/corpora/../secret/a.jsonl", false)]
    [InlineData("/data/corpora", "/data/corpora/sub/../../secret", false)]
    [InlineData("/data/corpora", "/data/corpora/sub/../a.jsonl", true)]
    [InlineData("/data/corpora", "/data/corpora/./a.jsonl", true)]
    [InlineData("/data/corpora", "/data//corpora/a.jsonl", true)]
    [InlineData("/data/corpora", "/data/other/../corpora/a.jsonl", true)]
    [InlineData("/data/corpora", "file:///data/corpora/a.jsonl", true)]
    [InlineData("file:///data/corpora", "/data/corpora/a.jsonl", true)]
    [InlineData("file:///data/corpora/", "file:///data/corpora/x/y.jsonl", true)]
    [InlineData("/data/corpora", "file:///data/corpora/../../etc/passwd", false)]
    [InlineData("/data/corpora", "/data/corpora/*.jsonl.gz", true)]
    [InlineData("/data/corpora", "/data/corpora/**/part-*.jsonl", true)]
    [InlineData("/data/corpora", "/data/*/a.jsonl", false)]
    [InlineData("/data/corpora", "/data/corpora*/a.jsonl", false)]
    [InlineData("/data/corpora", "/data/corpora/a/*/../../../b/x", false)]
    [InlineData("/data/corpora", "/data/corpora/%2e%2e/secret", true)]
    [InlineData("/", "/anything/at/all", true)]
    // az:// URIs: containers, folder boundaries, trailing slashes, case of the scheme.
    [InlineData("az://corpora/research", "az://corpora/research/x.jsonl", true)]
    [InlineData("az://corpora/research/", "az://corpora/research", true)]
    [InlineData("az://corpora/research", "az://corpora/research/", true)]
    [InlineData("az://corpora/research", "az://corpora/research2/x.jsonl", false)]
    [InlineData("az://corpora/research", "az://corpora/researc", false)]
    [InlineData("az://corpora/research", "az://corpora/research/*.jsonl", true)]
    [InlineData("az://corpora/research", "az://corpora/*/x.jsonl", false)]
    [InlineData("az://corpora/research", "az://corpora//research/x", false)]
    [InlineData("az://corpora/research", "az://corpora/research//x", true)]
    [InlineData("az://corpora/research", "az://other/research/x", false)]
    [InlineData("az://corpora/research", "AZ://corpora/research/x", true)]
    [InlineData("az://corpora", "az://corpora/anything/x", true)]
    [InlineData("az://corpora", "az://corpora2/x", false)]
    [InlineData("az://corpora/research", "/corpora/research/x", false)]
    [InlineData("az://corpora/research", "https://acct.blob.core.windows.net/corpora/research/x", false)]
    // Blob URLs: host case, http vs https, ports, containers, emulator accounts.
    [InlineData("https://acct.blob.core.windows.net/shared/", "https://acct.blob.core.windows.net/shared/x.jsonl", true)]
    [InlineData("https://acct.blob.core.windows.net/shared", "https://ACCT.Blob.Core.Windows.Net/shared/x", true)]
    [InlineData("https://acct.blob.core.windows.net/shared", "http://acct.blob.core.windows.net/shared/x", true)]
    [InlineData("https://acct.blob.core.windows.net/shared", "https://acct.blob.core.windows.net/shared", true)]
    [InlineData("https://acct.blob.core.windows.net/shared", "https://acct.blob.core.windows.net/shared/my%20file.jsonl", true)]
    [InlineData("https://acct.blob.core.windows.net/shared/my folder", "https://acct.blob.core.windows.net/shared/my%20folder/x", true)]
    [InlineData("https://acct.blob.core.windows.net/shared", "https://other.blob.core.windows.net/shared/x", false)]
    [InlineData("https://acct.blob.core.windows.net/shared", "https://acct.blob.core.windows.net/shared2/x", false)]
    [InlineData("https://acct.blob.core.windows.net/shared", "https://acct.blob.core.windows.net:8443/shared/x", false)]
    [InlineData("https://acct.blob.core.windows.net/shared", "https://acct.blob.core.windows.net.evil.com/shared/x", false)]
    [InlineData("https://acct.blob.core.windows.net/shared", "az://shared/x", false)]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/ads-in", "http://127.0.0.1:10000/devstoreaccount1/ads-in/x", true)]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/ads-in", "http://127.0.0.1:10000/otheraccount/ads-in/x", false)]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/ads-in", "http://127.0.0.1:10001/devstoreaccount1/ads-in/x", false)]
    public void PrefixContainment(string prefix, string uri, bool expected)
    {
        Assert.True(StorageLocation.TryParse(prefix, out var p, out var prefixError), prefixError);
        Assert.True(StorageLocation.TryParse(uri, out var location, out var error), error);
        Assert.Equal(expected, p.Contains(location));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("data/corpora/a.jsonl", "relative path")]
    [InlineData("../data/corpora/a.jsonl", "relative path")]
    [InlineData("~/data", "relative path")]
    [InlineData("file:/data/corpora/a", "not a valid file URI")]
    [InlineData("file://data/corpora/a", "not a local file URI")]
    [InlineData("file://localhost/data/corpora/a", "not a local file URI")]
    [InlineData("file:///data/corpora/%2e%2e/secret", "ambiguous")]
    [InlineData("file:///data/corpora/a?.jsonl", "ambiguous")]
    [InlineData("file:///data/corpora/a#b", "ambiguous")]
    [InlineData("az://", "no container")]
    [InlineData("az:///x", "no container")]
    [InlineData("az://corpora/research/../ads/x", "'..'")]
    [InlineData("az://corpora/research/./x", "'.'")]
    [InlineData("az://corpora/research/%2e%2e/ads/x", "'..'")]
    [InlineData("az://corpora/research/%2E%2E/ads/x", "'..'")]
    [InlineData("az://corpora/research\\..\\ads", "'\\'")]
    [InlineData("az://../x", "'..'")]
    [InlineData("https://acct.blob.core.windows.net/shared/../private/x", "'..'")]
    [InlineData("https://acct.blob.core.windows.net/shared/%2E%2E/private/x", "'..'")]
    [InlineData("https://acct.blob.core.windows.net/shared/a%2F..%2F..%2Fprivate", "escaped slashes")]
    [InlineData("https://acct.blob.core.windows.net/shared\\..\\private", "'\\'")]
    [InlineData("https://acct.blob.core.windows.net/shared/x?sv=2024&sig=abc", "query string")]
    [InlineData("https://acct.blob.core.windows.net/shared/x#frag", "query string")]
    [InlineData("https://user:pw@acct.blob.core.windows.net/shared/x", "user information")]
    [InlineData("https://acct.blob.core.windows.net/", "no container")]
    [InlineData("http://127.0.0.1:10000/", "without the account")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1", "no container")]
    [InlineData("s3://bucket/x", "unsupported scheme 's3'")]
    public void UnvouchableLocationsAreRefused(string uri, string reason)
    {
        Assert.False(StorageLocation.TryParse(uri, out var location, out var error));
        Assert.Null(location);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/data//corpora/./x/../", "/data/corpora")]
    [InlineData("file:///data/corpora/", "/data/corpora")]
    [InlineData("az://c/a/b/", "az://c/a/b")]
    [InlineData("https://ACCT.blob.core.windows.net/c/a%20b/", "https://acct.blob.core.windows.net/c/a b")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/c/x", "https://127.0.0.1:10000/devstoreaccount1/c/x")]
    public void CanonicalForm(string uri, string expected)
    {
        Assert.True(StorageLocation.TryParse(uri, out var location, out var error), error);
        Assert.Equal(expected, location.ToString());
    }
}
