using Lamdas.Api.Jobs;
using Lamdas.Api.Teams;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Lamdas.Api.OpenApi;

/// <summary>Titles the OpenAPI document and declares the API-key schemes on every <c>/api/</c> operation.</summary>
internal sealed class LamdasOpenApiTransformer : IOpenApiDocumentTransformer
{
    private const string BearerScheme = "bearer";
    private const string HeaderScheme = "api_key";
    private const string SubmitOperation = "SubmitJob";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "Lamdas API";
        document.Info.Description = "Submit, follow and cancel LAMDAS data-selection jobs on the cluster. " +
            "Authenticate with 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'; JSON uses snake_case.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The team's API key as a bearer token.",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyReader.ApiKeyHeader,
            Description = "The team's API key.",
        };

        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith(JobEndpoints.BasePath, StringComparison.Ordinal) || item.Operations is null)
            {
                continue;
            }

            foreach (var operation in item.Operations.Values)
            {
                if (operation.OperationId == SubmitOperation)
                {
                    operation.RequestBody = SpecBody();
                }

                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
                ];
            }
        }

        return Task.CompletedTask;
    }

    // Documented here rather than with Accepts(): that would make routing refuse requests without the content type.
    private static OpenApiRequestBody SpecBody()
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The job specification, with the fields of a job YAML file (name, model, prefix, input, record, method, selection, output, …).",
        };
        return new OpenApiRequestBody
        {
            Required = true,
            Description = "The job specification; paths must be absolute or storage URIs under the team's prefixes.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = schema },
                ["application/yaml"] = new() { Schema = schema },
            },
        };
    }
}
