using System.Text;
using Azure.Storage.Blobs;
using Lamdas.Jobs.Running;
using Lamdas.Jobs.Spec;

namespace Lamdas.Jobs.Tests;

/// <summary>A job reading its input from and writing its output to a real Azurite blob endpoint.</summary>
[Integration]
[Collection(AzuriteCollection.Name)]
public sealed class AzureJobTests(AzuriteServer azurite) : IClassFixture<TestWorkspace>
{
    [Fact]
    public async Task JobRunsFromBlobToBlob()
    {
        using var workspace = new TestWorkspace();
        var container = await azurite.CreateContainerAsync();
        Environment.SetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING", azurite.ConnectionString);
        var client = new BlobContainerClient(azurite.ConnectionString, container);
        var lines = workspace.CandidateLines.Take(12).ToList();
        await client.UploadBlobAsync("in/part-0.jsonl", BinaryData.FromString(string.Join("\n", lines.Take(6)) + "\n"));
        await client.UploadBlobAsync("in/part-1.jsonl", BinaryData.FromString(string.Join("\n", lines.Skip(6)) + "\n"));
        await client.UploadBlobAsync("ref/reference.jsonl", BinaryData.FromBytes(await File.ReadAllBytesAsync(workspace.Reference)));

        var spec = JobSpecParser.Parse($$"""
            name: blob-job
            model: {{workspace.Model}}
            prefix: { reference: az://{{container}}/ref/reference.jsonl, length: 4, epochs: 1 }
            input: az://{{container}}/in/*.jsonl
            output: az://{{container}}/out/
            max_tokens: 48
            selection: { mode: top-fraction, fraction: 0.5 }
            """);
        var outcome = await new JobRunner(spec, new JobRunnerOptions()).RunAsync(CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(12, outcome.Documents);
        Assert.Equal(6, outcome.Selected);
        var names = new List<string>();
        await foreach (var blob in client.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "out/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        Assert.Contains("out/_SUCCESS", names);
        Assert.Contains("out/manifest.json", names);
        Assert.Contains("out/report.html", names);
        Assert.Contains("out/prefix/prefix.safetensors", names);
        Assert.Contains("out/scores/part-00000.parquet", names);
        Assert.Contains("out/scores/part-00001.parquet", names);
        var selected = new List<string>();
        foreach (var name in names.Where(n => n.StartsWith("out/selected/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var content = (await client.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString();
            selected.AddRange(content.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Equal(6, selected.Count);
        Assert.All(selected, line => Assert.Contains(line, lines));
        var evaluation = await ScoreEvaluation.EvaluateAsync(new Storage.ObjectStore(), $"az://{container}/out/",
            await UploadLabelsAsync(client, container, lines), CancellationToken.None);
        Assert.Equal(12, evaluation.Documents);
    }

    private static async Task<string> UploadLabelsAsync(BlobContainerClient client, string container, List<string> lines)
    {
        var labels = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var id = System.Text.Json.JsonDocument.Parse(lines[i]).RootElement.GetProperty("id").GetString();
            labels.Append($"{{\"id\": \"{id}\", \"in_domain\": {(i % 2 == 0 ? "true" : "false")}}}\n");
        }

        await client.UploadBlobAsync("labels.jsonl", BinaryData.FromString(labels.ToString()));
        return $"az://{container}/labels.jsonl";
    }
}
