using Lamdas.Jobs.Spec.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Lamdas.Api.OpenApi;

/// <summary>The job-spec schema (<see cref="JobSpecSchema"/>, with the cluster's limits) in the document's components.</summary>
internal sealed partial class LamdasOpenApiTransformer
{
    private const string ComponentsPointer = "#/components/schemas/";

    private void AddJobSpecSchemas(OpenApiDocument document)
    {
        var (root, definitions) = JobSpecSchema.Build(limits.Value, ComponentsPointer);
        document.Components!.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var reader = new OpenApiJsonReader();
        foreach (var (name, schema) in definitions.Append(KeyValuePair.Create(JobSpecFields.Job.Definition, root)))
        {
            var parsed = reader.ReadFragment<OpenApiSchema>(schema, OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic);
            if (parsed is null || diagnostic?.Errors.Count > 0)
            {
                throw new InvalidOperationException(
                    $"the job-spec schema {name} is not a valid OpenAPI 3.1 schema: {string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? [])}");
            }

            document.Components.Schemas[name] = parsed;
        }
    }

    // Documented here rather than with Accepts(): that would make routing refuse requests without the content type.
    private static OpenApiRequestBody SpecBody(OpenApiDocument document) => new()
    {
        Required = true,
        Description = "The job specification as JSON or YAML (the fields of a job file; docs/job-spec.schema.json). " +
            "Paths must be absolute or storage URIs under the team's prefixes.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = new OpenApiSchemaReference(JobSpecFields.Job.Definition, document) },
            ["application/yaml"] = new() { Schema = new OpenApiSchemaReference(JobSpecFields.Job.Definition, document) },
        },
    };
}
