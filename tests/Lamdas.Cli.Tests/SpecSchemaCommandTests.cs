namespace Lamdas.Cli.Tests;

/// <summary><c>lamdas spec schema</c> prints docs/job-spec.schema.json, so redirecting it there regenerates the file.</summary>
public sealed class SpecSchemaCommandTests
{
    [Fact]
    public void PrintsThePublishedSchema()
    {
        var result = CliRunner.Run("spec", "schema").AssertSuccess();
        var published = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "job-spec.schema.json")).ReplaceLineEndings("\n");
        Assert.Equal(published, result.Stdout.ReplaceLineEndings("\n"));
        Assert.Contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"", result.Stdout, StringComparison.Ordinal);
    }
}
