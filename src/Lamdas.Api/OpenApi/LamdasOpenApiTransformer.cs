using Lamdas.Api.Jobs;
using Lamdas.Api.Teams;
using Lamdas.Jobs.Spec;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Lamdas.Api.OpenApi;

/// <summary>
/// Completes the OpenAPI document: title, servers without a trailing slash, the API-key schemes on every
/// <c>/api/v1/jobs</c> operation and <c>security: []</c> on the public ones (health, metrics, dashboard, the cluster
/// view, this document), the job-spec schema as the body of <c>POST /api/v1/jobs</c>, and string schemas for the
/// text responses (server-sent events, HTML, Prometheus text).
/// </summary>
internal sealed partial class LamdasOpenApiTransformer(IOptions<SpecLimits> limits, EndpointDataSource endpoints) : IOpenApiDocumentTransformer
{
    private const string BearerScheme = "bearer";
    private const string HeaderScheme = "api_key";
    private const string SubmitOperation = "SubmitJob";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "Lamdas API";
        document.Info.Description = "Submit, follow and cancel LAMDAS data-selection jobs on the cluster. " +
            "Authenticate with 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'; JSON uses snake_case. " +
            "Every error answers with a JSON body { \"error\": \"…\" } (ErrorResponse).";
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

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

        AddJobSpecSchemas(document);
        AddPublicPaths(document, context.DocumentName);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                if (path.StartsWith(JobEndpoints.BasePath, StringComparison.Ordinal))
                {
                    if (operation.OperationId == SubmitOperation)
                    {
                        operation.RequestBody = SpecBody(document);
                    }

                    operation.Security =
                    [
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
                    ];
                }
                else
                {
                    // Public: no key is asked for.
                    operation.Security = [];
                }

                TypeTextResponses(operation);
            }
        }

        DescribeTags(document);
        return Task.CompletedTask;
    }

    /// <summary>Gives every text response without a schema (events, HTML, plain text) a string schema.</summary>
    private static void TypeTextResponses(OpenApiOperation operation)
    {
        foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
        {
            if (response.Content is null)
            {
                continue;
            }

            foreach (var (type, media) in response.Content)
            {
                if (!type.StartsWith("text/", StringComparison.Ordinal))
                {
                    continue;
                }

                if (media.Schema is null)
                {
                    media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = TextDescription(type) };
                }
                else if (media.Schema is OpenApiSchema { Type: JsonSchemaType.String } text && text.Description is null)
                {
                    text.Description = TextDescription(type);
                }
            }
        }
    }

    private static string TextDescription(string type) => type switch
    {
        "text/event-stream" => "A stream of server-sent events: 'event: NAME' and 'data: JOB-STATUS-JSON' lines, each event ending in a blank line.",
        "text/html" => "An HTML page.",
        _ => "Text.",
    };

    private static void DescribeTags(OpenApiDocument document)
    {
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["jobs"] = "A team's selection jobs (API key required).",
            ["cluster"] = "The cluster's silos and workers (public).",
            ["public"] = "Health, metrics, the dashboard and this document (public).",
        };
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var tag in document.Tags)
        {
            if (tag.Name is { } name && descriptions.Remove(name, out var description))
            {
                tag.Description = description;
            }
        }

        foreach (var (name, description) in descriptions)
        {
            document.Tags.Add(new OpenApiTag { Name = name, Description = description });
        }
    }
}
