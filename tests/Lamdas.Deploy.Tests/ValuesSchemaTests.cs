using Lamdas.Deploy.Tests.Checks;

namespace Lamdas.Deploy.Tests;

/// <summary>values.yaml against values.schema.json with a JSON Schema (draft-07) validator.</summary>
public sealed class ValuesSchemaTests
{
    private static readonly string Schema = File.ReadAllText(Path.Combine(Repo.Chart, "values.schema.json"));
    private static readonly string Values = File.ReadAllText(Path.Combine(Repo.Chart, "values.yaml"));

    [Fact]
    public async Task ValuesYamlIsValid()
    {
        Assert.Empty(await ValuesSchema.ValidateAsync(Schema, Values));
    }

    [Fact]
    public void SchemaIsDraft07AndClosesEveryObject()
    {
        Assert.Contains("\"$schema\": \"http://json-schema.org/draft-07/schema#\"", Schema);
        Assert.Empty(ValuesSchema.OpenObjects(Schema));
    }

    [Fact]
    public async Task ProductionOverridesAreValid()
    {
        var overrides = Values + """

            teams:
              - name: research
                apiKeySha256: 8abdb12e0888191575fcbd38b7d2e939497196cb02ddda30af53d48696978898
                inputPrefixes: ["az://corpora/research/", "az://models/"]
                outputPrefixes: ["az://selections/research/"]
            """;
        overrides = overrides.Replace("teams: []\n", "", StringComparison.Ordinal)
            .Replace("  enabled: false\n  # -- GPUs per silo", "  enabled: true\n  # -- GPUs per silo", StringComparison.Ordinal);

        Assert.Contains("enabled: true", overrides);
        Assert.Empty(await ValuesSchema.ValidateAsync(Schema, overrides));
    }

    [Theory]
    [InlineData("  replicas: 3\n", "  replicas: three\n", "#/silo.replicas: IntegerExpected")]
    [InlineData("  replicas: 3\n", "  replicas: 0\n", "#/silo.replicas: NumberTooSmall")]
    [InlineData("  clusterId: lamdas\n", "  clusterId: lamdas\n  colour: blue\n", "#/silo.colour: NoAdditionalPropertiesAllowed")]
    [InlineData("  pullPolicy: IfNotPresent\n", "  pullPolicy: Sometimes\n", "#/image.pullPolicy: NotInEnumeration")]
    [InlineData("  leaseDuration: \"00:00:30\"\n", "  leaseDuration: 30 seconds\n", "#/silo.leaseDuration: PatternMismatch")]
    [InlineData("teams: []\n", "teams:\n  - name: research\n    inputPrefixes: [\"/srv\"]\n", "#/teams[0].outputPrefixes: PropertyRequired")]
    [InlineData("    http: 8080\n", "    http: 80800\n", "#/silo.ports.http: NumberTooBig")]
    [InlineData("  dtype: auto\n", "  dtype: bf16\n", "#/silo.dtype: NotInEnumeration")]
    [InlineData("  threads: 0\n", "  threads: -2\n", "#/silo.threads: NumberTooSmall")]
    public async Task BrokenValuesAreReported(string original, string broken, string expected)
    {
        Assert.Contains(original, Values);
        using var temp = new TempDirectory();
        var file = temp.Write("values.yaml", Values.Replace(original, broken, StringComparison.Ordinal));

        Assert.Equal([expected], await ValuesSchema.ValidateAsync(Schema, File.ReadAllText(file)));
    }

    [Fact]
    public void AnOpenObjectInTheSchemaIsReported()
    {
        var open = Schema.Replace("\"additionalProperties\": false", "\"additionalProperties\": true", StringComparison.Ordinal);

        Assert.NotEmpty(ValuesSchema.OpenObjects(open));
    }
}
