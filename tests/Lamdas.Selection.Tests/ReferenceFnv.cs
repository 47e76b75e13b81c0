using System.Text;

namespace Lamdas.Selection.Tests;

/// <summary>An independent, deliberately naive FNV-1a 64 (over Encoding.UTF8 bytes) to check the library's hashing against.</summary>
internal static class ReferenceFnv
{
    public static ulong Hash(string text)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash = unchecked(hash * 0x100000001b3UL);
        }

        return hash;
    }

    public static int Bucket(string text, int buckets) => (int)(Hash(text) % (ulong)buckets);

    /// <summary>Asserts that the given features land in pairwise different buckets (a precondition of hand-computed expectations).</summary>
    public static void AssertDistinctBuckets(int buckets, params string[] features) =>
        Assert.Equal(features.Length, features.Select(f => Bucket(f, buckets)).Distinct().Count());
}
