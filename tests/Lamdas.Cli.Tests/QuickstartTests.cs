using System.Text.Json;

namespace Lamdas.Cli.Tests;

[Integration]
public sealed class QuickstartTests
{
    private static string Fingerprint(string prefixDirectory) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(prefixDirectory, "prefix.json"))).RootElement.GetProperty("base_model_fingerprint").GetString()!;

    [Fact]
    public void RunsAfreshOverAnEarlierRunsOutputMadeWithAnotherModel()
    {
        // An earlier run's output whose prefix belongs to another model (as after the bundled model is replaced): a
        // prefix written by hand for the tests' tiny model shape, with a fingerprint no model has.
        var output = Path.Combine(TestPaths.RepositoryRoot, "out", "quickstart");
        var stalePrefix = Path.Combine(output, "prefix");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        HandWrittenPrefix.Write(stalePrefix, TinyConfig.Layers, TinyConfig.KvHeads, 4, TinyConfig.HeadDim, seed: 5, fingerprint: "sha256:another-model");

        var stale = Fingerprint(stalePrefix);

        // --sample: a prefix trained for one epoch on 10 reference files, then 200 candidates scored (about 90 s on 2 cores).
        var result = CliRunner.Run(TimeSpan.FromMinutes(6), "quickstart", "--plain", "--sample").AssertSuccess();

        Assert.Contains("precision", result.Stdout);
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")), result.Describe());
        Assert.NotEqual(stale, Fingerprint(stalePrefix));
    }
}
