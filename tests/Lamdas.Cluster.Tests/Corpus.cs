using System.Text;
using Lamdas.Jobs.Spec;

namespace Lamdas.Cluster.Tests;

/// <summary>A temporary folder with JSONL input files and an output folder, for jobs run by the tests.</summary>
internal sealed class Corpus : IDisposable
{
    public Corpus(int files, int recordsPerFile)
    {
        Root = Path.Combine(Path.GetTempPath(), "lamdas-cluster-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "in"));
        var words = new[] { "def", "return", "import", "class", "the", "market", "court", "said", "for", "while", "print", "self" };
        var random = new Random(7);
        for (var f = 0; f < files; f++)
        {
            var text = new StringBuilder();
            for (var r = 0; r < recordsPerFile; r++)
            {
                var body = string.Join(' ', Enumerable.Range(0, 8 + random.Next(30)).Select(_ => words[random.Next(words.Length)]));
                text.Append($"{{\"id\":\"f{f}-r{r}\",\"text\":\"{body}\"}}\n");
            }

            File.WriteAllText(Path.Combine(Root, "in", $"part-{f}.jsonl"), text.ToString());
        }

        File.WriteAllText(Path.Combine(Root, "reference.jsonl"),
            string.Concat(Enumerable.Range(0, 6).Select(i => $"{{\"id\":\"ref{i}\",\"text\":\"def f{i}(self): return import class print self while\"}}\n")));
    }

    /// <summary>Spec limits that take the corpus's 2 KB shards (a small input spread over many shards).</summary>
    public static SpecLimits Limits { get; } = new() { MinShardSizeMb = 0.001 };

    public string Root { get; }

    public string Input => Path.Combine(Root, "in", "*.jsonl");

    public string Output(string name) => Path.Combine(Root, "out", name) + "/";

    /// <summary>A validated spec (as the API submits it).</summary>
    public JobSpec Spec(string name, string method, string output, string extra = "", double shardSizeMb = 0.002) =>
        JobSpecParser.Parse(Yaml(name, method, output, extra, shardSizeMb), Limits);

    /// <summary>The spec as a job file (YAML), as a user writes and submits it.</summary>
    public string Yaml(string name, string method, string output, string extra = "", double shardSizeMb = 0.002)
    {
        var yaml = $$"""
            name: {{name}}
            input: {{Input}}
            record: { id: id, text: text }
            method: {{method}}
            selection: { mode: top-fraction, fraction: 0.3 }
            output: {{output}}
            shard_size_mb: {{shardSizeMb.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
            max_tokens: 32
            {{extra}}
            """;
        return yaml;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
