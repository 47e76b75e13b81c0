using Lamdas.Deploy.Tests.Checks;

namespace Lamdas.Deploy.Tests;

/// <summary>Every <c>.Values.x.y(.z)</c> a template reads is a key of values.yaml.</summary>
public sealed class TemplateReferenceTests
{
    private static readonly string TemplatesFolder = Path.Combine(Repo.Chart, "templates");
    private static readonly string Values = File.ReadAllText(Path.Combine(Repo.Chart, "values.yaml"));

    [Fact]
    public void EveryReferencedValueExists()
    {
        var references = TemplateValueReferences.Find(TemplatesFolder);

        Assert.True(references.Count > 50, $"only {references.Count} references found");
        Assert.Contains(references, r => r.Path == "silo.terminationGracePeriodSeconds");
        Assert.Contains(references, r => r.Path == "metrics.serviceMonitor.enabled");
        Assert.Empty(TemplateValueReferences.Missing(TemplatesFolder, Values));
    }

    [Fact]
    public void AValueMissingFromValuesYamlIsReported()
    {
        using var temp = new TempDirectory();
        foreach (var template in Directory.GetFiles(TemplatesFolder))
        {
            temp.Write(Path.Combine("templates", Path.GetFileName(template)), File.ReadAllText(template));
        }

        const string lease = "  # -- How long a shard lease lasts without a heartbeat (TimeSpan, `hh:mm:ss`).\n  leaseDuration: \"00:00:30\"\n";
        Assert.Contains(lease, Values);
        var values = temp.Write("values.yaml", Values.Replace(lease, "", StringComparison.Ordinal));

        var missing = TemplateValueReferences.Missing(Path.Combine(temp.Path, "templates"), File.ReadAllText(values));

        var problem = Assert.Single(missing);
        Assert.StartsWith("statefulset.yaml:", problem);
        Assert.EndsWith(": .Values.silo.leaseDuration", problem);
    }

    [Fact]
    public void ATemplateReadingAnUnknownValueIsReported()
    {
        using var temp = new TempDirectory();
        temp.Write("templates/deployment.yaml", "replicas: {{ .Values.silo.replicas }}\nimage: {{ $.Values.image.registry }}/x\n");

        var missing = TemplateValueReferences.Missing(Path.Combine(temp.Path, "templates"), Values);

        Assert.Equal(["deployment.yaml:2: .Values.image.registry"], missing);
    }
}
