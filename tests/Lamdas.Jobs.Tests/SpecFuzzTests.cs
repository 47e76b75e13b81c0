using System.Diagnostics;
using System.Text;
using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Tests;

/// <summary>
/// Deterministic random mutations of the quickstart job (characters, YAML fragments, moved lines): every one must
/// give a spec that survives the canonical round trip, or a JobSpecException — never another exception, never slowly.
/// </summary>
public sealed class SpecFuzzTests
{
    private const string Characters = "[]{}:,-?&*!|>'\"#%@` \n\t\r0123456789abcxyz.\\~+eE_/é\u0000\u0085\ud800\ufeff";

    private static readonly string[] Fragments =
    [
        "&a ", "*a", "!!str ", "!x ", "[", "]", "{", "}", "- ", "? ", "---\n", "...\n", ".nan", ".inf", "-.inf", "1e999", "NaN",
        "Infinity", "\"\\uD800\"", "\"\\0\"", "\"\\x\"", "<<: ", "|\n  ", ">-\n  ", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "'",
        "\"", "\t", ": ", "# ", "\n  ", "\n    - ", "9223372036854775808", "-0", "0x1F", "1_000", "~", "null", "true",
        "seed: ", "max_tokens: ", "name: ", "cuda:99", "selection: {", "prefix: [", "\\", "\u2028", "\r\n",
    ];

    [Fact]
    public void MutatedYamlSpecsGiveASpecOrAJobSpecException() =>
        Fuzz(File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "quickstart", "job.yaml")), seed: 1, cases: 600);

    [Fact]
    public void MutatedJsonSpecsGiveASpecOrAJobSpecException() =>
        Fuzz("""
            {"name": "quickstart-python", "model": "models/lamdas-tiny",
             "prefix": {"reference": "examples/quickstart/reference.jsonl", "length": 30, "epochs": 3},
             "input": "examples/quickstart/candidates/*.jsonl.gz", "record": {"id": "id", "text": "text"},
             "method": "lamdas", "selection": {"mode": "threshold", "tau": 1.0}, "output": "out/quickstart/",
             "max_tokens": 128, "seed": 7, "threads": 2, "shard_size_mb": 64, "max_bad_fraction": 0.01}
            """, seed: 2, cases: 400);

    private static void Fuzz(string original, int seed, int cases)
    {
        Assert.NotNull(JobSpecParser.Parse(original));
        var random = new Random(seed);
        int specs = 0, refused = 0;
        for (var i = 0; i < cases; i++)
        {
            var text = original;
            var mutations = 1 + random.Next(4);
            for (var m = 0; m < mutations; m++)
            {
                text = Mutate(text, random);
            }

            var clock = Stopwatch.StartNew();
            try
            {
                var spec = JobSpecParser.Parse(text);
                Assert.Equal(spec, JobSpecParser.FromCanonicalJson(JobSpecParser.ToJson(spec)));
                specs++;
            }
            catch (JobSpecException e)
            {
                Assert.NotEmpty(e.Problems);
                Assert.All(e.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p)));
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {e.GetType().FullName}: {e.Message}\n--- text ---\n{text}\n--- end ---");
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"case {i} took {clock.Elapsed}:\n{text}");
        }

        // Both outcomes are exercised: the mutations are neither all harmless nor all fatal.
        Assert.True(specs >= cases / 20, $"{specs} specs, {refused} refused");
        Assert.True(refused >= cases / 4, $"{specs} specs, {refused} refused");
    }

    private static string Mutate(string text, Random random)
    {
        var at = random.Next(text.Length + 1);
        switch (random.Next(6))
        {
            case 0 when text.Length > 0:
                var replaced = new StringBuilder(text);
                replaced[Math.Min(at, text.Length - 1)] = Characters[random.Next(Characters.Length)];
                return replaced.ToString();
            case 1:
                return text.Insert(at, Characters[random.Next(Characters.Length)].ToString());
            case 2 when text.Length > 0:
                return text.Remove(Math.Min(at, text.Length - 1), Math.Min(1 + random.Next(8), text.Length - Math.Min(at, text.Length - 1)));
            case 3:
                return text.Insert(at, Fragments[random.Next(Fragments.Length)]);
            case 4 when text.Length > 0:
                var from = random.Next(text.Length);
                var slice = text.Substring(from, Math.Min(1 + random.Next(40), text.Length - from));
                return text.Insert(at, slice);
            default:
                var lines = text.Split('\n');
                var a = random.Next(lines.Length);
                var b = random.Next(lines.Length);
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return string.Join('\n', lines);
        }
    }
}
