using System.Text.Json;

namespace Lamdas.Cli.Tests;

[Integration]
public sealed class QuickstartTests(TrainedPrefixFixture trained) : IClassFixture<TrainedPrefixFixture>
{
    private static string Fingerprint(string prefixDirectory) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(prefixDirectory, "prefix.json"))).RootElement.GetProperty("base_model_fingerprint").GetString()!;

    [Fact]
    public void RunsAfreshOverAnEarlierRunsOutputMadeWithAnotherModel()
    {
        trained.RequireTrainedPrefix();

        // An earlier run's output whose prefix belongs to another model (as after the bundled model is replaced).
        var output = Path.Combine(TestPaths.RepositoryRoot, "out", "quickstart");
        var stalePrefix = Path.Combine(output, "prefix");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        Directory.CreateDirectory(stalePrefix);
        foreach (var file in Directory.GetFiles(trained.PrefixDirectory))
        {
            File.Copy(file, Path.Combine(stalePrefix, Path.GetFileName(file)));
        }

        var stale = Fingerprint(stalePrefix);
        // --sample: the example on its first candidate file with one training epoch, so that the check fits a small machine.
        var result = CliRunner.Run(TimeSpan.FromMinutes(6), "quickstart", "--plain", "--sample").AssertSuccess();

        Assert.Contains("precision", result.Stdout);
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")), result.Describe());
        Assert.NotEqual(stale, Fingerprint(stalePrefix));
    }
}
