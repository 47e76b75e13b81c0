using System.Text.Json.Nodes;
using Lamdas.Formats;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Tests;

/// <summary>
/// Jobs of several domains and the score store, end to end on the tiny model: each domain's files against a separate
/// single-domain job's, byte for byte; the passes shared, read back, and recomputed when an entry is damaged.
/// </summary>
[Integration]
public sealed class MultiDomainJobTests : IClassFixture<TestWorkspace>
{
    private readonly TestWorkspace _workspace;

    public MultiDomainJobTests(TestWorkspace workspace) => _workspace = workspace;

    private string Input(string name = "domains-candidates", int files = 1, int perFile = 90, int skip = 0)
    {
        var folder = _workspace.Path(name);
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            var lines = _workspace.CandidateLines.Concat(MoreLines("email-spam")).Skip(skip).ToList();
            for (var f = 0; f < files; f++)
            {
                File.WriteAllLines(Path.Combine(folder, $"part-{f}.jsonl"), lines.Skip(f * perFile).Take(perFile));
            }
        }

        return Path.Combine(folder, "*.jsonl");
    }

    private static IEnumerable<string> MoreLines(string task) =>
        File.ReadLines(Path.Combine(TestWorkspace.RepoRoot, "..", "shared", "datasets", "domain-bench-dev", task, "candidates.jsonl")).Where(l => l.Length > 0).Take(200);

    private string SecondReference()
    {
        var path = _workspace.Path("reference-spam.jsonl");
        if (!File.Exists(path))
        {
            File.WriteAllLines(path, File.ReadLines(Path.Combine(TestWorkspace.RepoRoot, "..", "shared", "datasets", "domain-bench-dev", "email-spam", "reference.jsonl")).Take(12));
        }

        return path;
    }

    private string Common(string output, string input, string extra = "") => $$"""
        name: domains
        model: {{_workspace.Model}}
        input: {{input}}
        output: {{_workspace.Path(output)}}
        max_tokens: 48
        batch_tokens: 2048
        selection: { mode: threshold, tau: 1.0 }
        {{extra}}
        """;

    private string Domains(string output, string input, string extra) => Common(output, input, extra) + $$"""

        domains:
          python: { reference: {{_workspace.Reference}}, length: 4, epochs: 1 }
          spam: { reference: {{SecondReference()}}, length: 4, epochs: 1 }
        """;

    private string Single(string output, string input, string reference, string extra) => Common(output, input, extra) + $$"""

        prefix: { reference: {{reference}}, length: 4, epochs: 1 }
        """;

    private static async Task<JobOutcome> Run(string yaml) =>
        await new JobRunner(JobSpecParser.Parse(yaml), new JobRunnerOptions()).RunAsync(CancellationToken.None);

    /// <summary>Every file of the folders the outputs of a job are compared by, relative path → bytes.</summary>
    private static SortedDictionary<string, byte[]> Files(string folder, params string[] subfolders)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var sub in subfolders)
        {
            var path = Path.Combine(folder, sub);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(path, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(folder, file)] = File.ReadAllBytes(file);
            }
        }

        return files;
    }

    private static void AssertSameFiles(string expectedFolder, string actualFolder)
    {
        var expected = Files(expectedFolder, "scores", "selected", "quarantine", "prefix");
        var actual = Files(actualFolder, "scores", "selected", "quarantine", "prefix");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs between {expectedFolder} and {actualFolder}");
        }
    }

    private static List<ScoreRow> Scores(string output) => ScoreFilesOnDisk.Read(output);

    [Theory]
    [InlineData("cascade: false")]
    [InlineData("cascade: { pilot: 40, max_pilot: 40, recall: 0.8, confidence: 0.9 }")]
    public async Task EachDomainWritesWhatASeparateJobWrites(string cascade)
    {
        var tag = cascade.Contains("false", StringComparison.Ordinal) ? "plain" : "cascade";
        var input = Input();
        var together = await Run(Domains($"k2-{tag}", input, cascade));
        var python = await Run(Single($"k1-python-{tag}", input, _workspace.Reference, cascade));
        var spam = await Run(Single($"k1-spam-{tag}", input, SecondReference(), cascade));
        Assert.True(together.Succeeded && python.Succeeded && spam.Succeeded, together.Message);

        AssertSameFiles(_workspace.Path($"k1-python-{tag}"), Path.Combine(_workspace.Path($"k2-{tag}"), "python"));
        AssertSameFiles(_workspace.Path($"k1-spam-{tag}"), Path.Combine(_workspace.Path($"k2-{tag}"), "spam"));
        Assert.True(File.Exists(Path.Combine(_workspace.Path($"k2-{tag}"), "_SUCCESS")));

        // The two domains read the same documents: the second domain's base pass is the first's.
        var passes = together.Passes!;
        var documents = Scores(_workspace.Path($"k1-python-{tag}")).Count;
        Assert.Equal(90, documents);
        if (tag == "plain")
        {
            Assert.Equal(documents, passes.SharedDocuments);
            Assert.Equal(3 * documents, passes.ComputedDocuments);
        }

        // The overlap in domains.json, worked out here from each domain's own scores.
        var selectedPython = Scores(_workspace.Path($"k1-python-{tag}")).Where(r => r.Selected).Select(r => r.Id).ToHashSet();
        var selectedSpam = Scores(_workspace.Path($"k1-spam-{tag}")).Where(r => r.Selected).Select(r => r.Id).ToHashSet();
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(_workspace.Path($"k2-{tag}"), DomainsFinalizer.SummaryFile)))!;
        var first = summary["domains"]![0]!;
        Assert.Equal("python", (string)first["name"]!);
        Assert.Equal(selectedPython.Count, (long)first["selected"]!);
        Assert.Equal(selectedPython.Count(selectedSpam.Contains), (long)first["overlap"]![0]!["documents"]!);
        Assert.Equal(selectedPython.Union(selectedSpam).Count(), (int)summary["selected_by_any"]!);
    }

    [Fact]
    public async Task AStoredPassIsReadBackByTheNextJobAndADamagedEntryIsComputedAgain()
    {
        var input = Input("store-candidates", files: 3, perFile: 40);
        var store = _workspace.Path("store");
        var cache = $"cache: {store}";
        var uncached = await Run(Single("store-none", input, _workspace.Reference, "cascade: false"));
        var first = await Run(Single("store-first", input, _workspace.Reference, "cascade: false\n" + cache));
        Assert.True(uncached.Succeeded && first.Succeeded, first.Message);
        Assert.Equal(0, first.Passes!.StoredDocuments);
        Assert.Equal(2 * 120, first.Passes.ComputedDocuments);
        Assert.True(first.Passes.EntriesWritten > 0);

        // The same job into another folder: every pass comes from the store, and the files are the uncached job's.
        var second = await Run(Single("store-second", input, _workspace.Reference, "cascade: false\n" + cache));
        Assert.Equal(0, second.Passes!.ComputedDocuments);
        Assert.Equal(2 * 120, second.Passes.StoredDocuments);
        AssertSameFiles(_workspace.Path("store-none"), _workspace.Path("store-first"));
        AssertSameFiles(_workspace.Path("store-none"), _workspace.Path("store-second"));

        // A new domain over the same corpus pays its prefix pass only.
        var other = await Run(Single("store-spam", input, SecondReference(), "cascade: false\n" + cache));
        Assert.Equal(120, other.Passes!.StoredDocuments);
        Assert.Equal(120, other.Passes.ComputedDocuments);

        // One entry truncated, one with a flipped byte: both are found damaged, deleted, computed and written again.
        // (The first job's entries: the new domain's job added its prefix passes after them.)
        var entries = Directory.GetFiles(store, "*.lsp", SearchOption.AllDirectories).OrderBy(File.GetLastWriteTimeUtc).ToList();
        Assert.True(entries.Count >= 4, $"{entries.Count} entries");
        var truncated = File.ReadAllBytes(entries[0]);
        File.WriteAllBytes(entries[0], truncated[..(truncated.Length / 2)]);
        var flipped = File.ReadAllBytes(entries[1]);
        flipped[10] ^= 0x40;
        File.WriteAllBytes(entries[1], flipped);
        var repaired = await Run(Single("store-repaired", input, _workspace.Reference, "cascade: false\n" + cache));
        Assert.Equal(2, repaired.Passes!.DamagedEntries);
        Assert.True(repaired.Passes.ComputedDocuments > 0);
        AssertSameFiles(_workspace.Path("store-none"), _workspace.Path("store-repaired"));
        Assert.Equal(truncated, File.ReadAllBytes(entries[0]));
    }

    [Fact]
    public async Task ANightlyRunOverACorpusWithOneChangedFileComputesThatFileOnly()
    {
        var store = _workspace.Path("nightly-store");
        var cache = $"cascade: false\ncache: {store}";
        var night1 = Input("nightly-1", files: 4, perFile: 30);
        var first = await Run(Single("nightly-first", night1, _workspace.Reference, cache));

        // Night 2: the same four files, the last one replaced by other documents.
        var folder2 = _workspace.Path("nightly-2");
        Directory.CreateDirectory(folder2);
        foreach (var file in Directory.GetFiles(_workspace.Path("nightly-1")))
        {
            File.Copy(file, Path.Combine(folder2, Path.GetFileName(file)));
        }

        File.WriteAllLines(Path.Combine(folder2, "part-3.jsonl"), MoreLines("email-spam").Skip(100).Take(30));
        var second = await Run(Single("nightly-second", Path.Combine(folder2, "*.jsonl"), _workspace.Reference, cache));
        var uncached = await Run(Single("nightly-uncached", Path.Combine(folder2, "*.jsonl"), _workspace.Reference, "cascade: false"));
        Assert.True(first.Succeeded && second.Succeeded && uncached.Succeeded);
        Assert.Equal(2 * 30, second.Passes!.ComputedDocuments);
        Assert.Equal(2 * 90, second.Passes.StoredDocuments);
        AssertSameFiles(_workspace.Path("nightly-uncached"), _workspace.Path("nightly-second"));
    }
}
